package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The sentences below are synthetic: written for these tests, in the forms
// newsrooms use, about made-up events. None is press text.

type wantClaim struct {
	speaker, id, speaksFor string
	quoted                 bool
	text                   string // a part of the claim's text
}

func drafted(t *testing.T, doc string) []Claim {
	t.Helper()
	d, err := Import("synthetic.txt", []byte(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	return d.Claims
}

func checkClaims(t *testing.T, name string, got []Claim, want []wantClaim) {
	t.Helper()
	var found []Claim
	for _, c := range got {
		if c.Review == "" {
			found = append(found, c)
		}
	}
	if len(found) != len(want) {
		t.Errorf("%s: %d claims with a speaker, want %d:\n%+v", name, len(found), len(want), got)
		return
	}
	for i, w := range want {
		c := found[i]
		if c.Speaker != w.speaker || c.SpeakerID != w.id || c.SpeaksFor != w.speaksFor || c.Quoted != w.quoted || !strings.Contains(c.Text, w.text) {
			t.Errorf("%s: claim %d = %q [%s|%s] quoted=%v %q\nwant %q [%s|%s] quoted=%v containing %q",
				name, i, c.Speaker, c.SpeakerID, c.SpeaksFor, c.Quoted, c.Text, w.speaker, w.id, w.speaksFor, w.quoted, w.text)
		}
	}
}

const lead = "The two delegations met for a third day in a hotel by the sea on Monday.\n"

func TestSpeakerRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"speaker after the quotation, surname resolved to the full name",
			lead + "Zabihullah Mujahid, the Taliban spokesman, spoke to reporters in the afternoon.\n“The crossing will open when the traders are safe again,” Mujahid said.\n",
			[]wantClaim{{"Mujahid", "zabihullah-mujahid", "af-taliban", true, "crossing will open"}}},
		{"pronoun in the next paragraph, colon and a quotation running into the next paragraph",
			lead + "Khawaja Asif said the committee would meet again next month in the same city.\nHe added:\n“Nobody wants another week of shelling on the border villages.”\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "committee would meet"},
				{"Khawaja Asif", "khawaja-asif", "pk", true, "Nobody wants"}}},
		{"two speakers in one paragraph, guillemets and single quotes",
			lead + "«The talks have reached their last stage now,» Ishaq Dar said, while Amir Khan Muttaqi said ‘We will wait for the written text first.’\n",
			[]wantClaim{
				{"Ishaq Dar", "ishaq-dar", "pk", true, "last stage"},
				{"Amir Khan Muttaqi", "amir-khan-muttaqi", "af-taliban", true, "wait for the written text"}}},
		{"an institution speaking through a statement; the day is not part of the speaker",
			lead + "The Inter-Services Public Relations on Sunday said that 12 soldiers were injured in the night attack on the post.\n",
			[]wantClaim{{"Inter-Services Public Relations", "ispr", "pk", false, "12 soldiers were injured"}}},
		{"a closing attribution after a comma",
			lead + "The convoy of forty trucks crossed the border at dawn without incident, the Foreign Office spokesperson said in a statement.\n",
			[]wantClaim{{"Foreign Office spokesperson", "", "pk-mofa", false, "convoy of forty trucks"}}},
		{"a news agency is not a speaker",
			lead + "The border market was closed for the whole week by the district police, Reuters reported.\n",
			nil},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

func TestReportingVerbsUrduDariPashto(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"Urdu نے کہا کہ, then انہوں نے کہا کہ",
			"وزیر دفاع خواجہ آصف نے کہا کہ سرحدی کمیٹی اگلے ہفتے دوبارہ ملے گی۔ انہوں نے کہا کہ تاجروں کا نقصان پورا کیا جائے گا۔\n",
			[]wantClaim{
				{"خواجہ آصف", "khawaja-asif", "pk", false, "سرحدی کمیٹی"},
				{"خواجہ آصف", "khawaja-asif", "pk", false, "تاجروں کا نقصان"}}},
		{"Urdu کا کہنا تھا کہ and کے مطابق",
			"ذبیح اللہ مجاہد کا کہنا تھا کہ قافلہ صبح سویرے روانہ ہو گا۔\nترجمان کے مطابق، قافلے میں پچاس گاڑیاں شامل ہوں گی۔\n",
			[]wantClaim{
				{"ذبیح اللہ مجاہد", "zabihullah-mujahid", "af-taliban", false, "قافلہ صبح"},
				{"ذبیح اللہ مجاہد", "zabihullah-mujahid", "af-taliban", false, "پچاس گاڑیاں"}}},
		{"Dari گفت که and افزود with a Persian-style quotation",
			"ذبیحالله مجاهد گفت که گذرگاه فردا برای بازرگانان باز خواهد شد.\nاو افزود: «هیچ کاروانی بدون اجازه عبور نخواهد کرد.»\n",
			[]wantClaim{
				{"ذبیحالله مجاهد", "zabihullah-mujahid", "af-taliban", false, "گذرگاه فردا"},
				{"ذبیحالله مجاهد", "zabihullah-mujahid", "af-taliban", true, "هیچ کاروانی"}}},
		{"Pashto وویل چې, then a pronoun",
			"د پاکستان د بهرنیو چارو وزیر اسحاق ډار وویل چې پلاوی به سبا بېرته راشي.\nده زیاته کړه چې خبرې به په همدې ښار کې وي.\n",
			[]wantClaim{
				{"اسحاق ډار", "ishaq-dar", "pk", false, "پلاوی به سبا"},
				{"اسحاق ډار", "ishaq-dar", "pk", false, "خبرې به"}}},
		{"a report is not a speaker",
			"تفصیلات کے مطابق سرحدی بازار پورا ہفتہ بند رہا۔\n",
			nil},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

// A pronoun before anyone is named is never guessed: the claim is drafted
// without a speaker and marked for review.
func TestUnresolvedSpeakerMarkedForReview(t *testing.T) {
	got := drafted(t, lead+"He said that the crossing would stay closed for at least another two weeks.\n")
	var review int
	for _, c := range got {
		if c.Review != "" {
			review++
			if c.Speaker != "" || c.SpeakerID != "" || !strings.Contains(c.Review, "He") {
				t.Errorf("review claim = %+v", c)
			}
		}
		if strings.EqualFold(c.Speaker, "he") {
			t.Errorf("bare pronoun drafted as a speaker: %+v", c)
		}
	}
	if review != 1 {
		t.Errorf("%d claims for review, want 1: %+v", review, got)
	}
}

func TestIdentifySpeakerAcrossScripts(t *testing.T) {
	for phrase, want := range map[string]string{
		"Zabihullah Mujahid":                  "zabihullah-mujahid",
		"ذبیح اللہ مجاہد":                     "zabihullah-mujahid",
		"ذبیحالله مجاهد":                      "zabihullah-mujahid",
		"ذبیح الله مجاهد، سخنگوی طالبان":      "zabihullah-mujahid",
		"عطاالله تارړ":                        "attaullah-tarar",
		"عطا اللہ تارڑ":                       "attaullah-tarar",
		"the Inter Services Public Relations": "ispr",
		"دفتر روابط عامه اردوی پاکستان":       "ispr",
		"Islamabad":                        "pk",
		"a senior Foreign Office official": "",
		"Mujahid":                          "zabihullah-mujahid", // alone, in English press, the spokesman; the minister is "Yaqoob"
		"Tarar":                            "attaullah-tarar",
		"Taliban spokesperson Zabihullah Mujahid": "zabihullah-mujahid",
		// A state's ministry however its owner and name are written.
		"the Taliban-led Ministry of Defence":    "af-mod",
		"Kabul’s Defence Ministry":               "af-mod",
		"Afghan Ministry of Defense":             "af-mod",
		"Turkey’s Foreign Ministry":              "tr-mofa",
		"Pakistan's Ministry of Foreign Affairs": "pk-mofa",
		"Pakistan's Interior Ministry":           "pk", // not listed: the party
	} {
		if got := IdentifySpeaker(phrase); got != want {
			t.Errorf("IdentifySpeaker(%q) = %q, want %q", phrase, got, want)
		}
	}
}

func TestFigureForms(t *testing.T) {
	for s, want := range map[string]string{
		"The army said it killed between 15 and 20 fighters in the raid.": "15 at_least 20",
		"Officials said 15 to 20 assailants were killed.":                 "15 at_least 20",
		"More than a dozen civilians were injured, the governor said.":    "12 at_least 0",
		"ترجمان نے کہا کہ 58 فوجی ہلاک ہوئے۔":                             "58 exact 0",
		"او گفت که بیش از ۱۲ تن زخمی شدند.":                               "12 at_least 0",
		"اردو ادعا کرد که ۱۵ الی ۲۰ تن کشته شدند.":                        "15 at_least 20",
		"ویاند وویل چې تر ۲۰۰ زیات کسان وژل شوي دي.":                      "200 at_least 0",
		"ده وویل چې نهه ماشومان وژل شوي دي.":                              "9 exact 0",
		"ترجمان نے کہا کہ نو منصوبے شروع ہوں گے۔":                         "",
		"She said barely eight million people will get assistance.":       "8000000 at_most 0",
	} {
		figs := findFigures(s)
		got := ""
		if len(figs) > 0 {
			got = strings.TrimSpace(strings.Join([]string{itoa(figs[0].Count), figs[0].Qualifier, itoa(figs[0].CountMax)}, " "))
		}
		if got != want {
			t.Errorf("findFigures(%q) = %q (%+v), want %q", s, got, figs, want)
		}
	}
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestQuotationMarks(t *testing.T) {
	for s, want := range map[string]string{
		"“Curly marks are closed by curly ones,” he said.":                      "Curly marks are closed by curly ones,",
		`"Straight marks work the same way," she said.`:                         "Straight marks work the same way,",
		"«Guillemets open and close a quotation.»":                              "Guillemets open and close a quotation.",
		"He said: ‘Single marks too, though the army’s apostrophe is not one.’": "Single marks too, though the army’s apostrophe is not one.",
		"اس نے کہا ’یہ اردو کا الٹا نشان ہے اور چلتا ہے‘":                       "یہ اردو کا الٹا نشان ہے اور چلتا ہے",
		`مجاهد لیکلي: ”دا د پښتو یو بل ډول نښه ده."`:                            "دا د پښتو یو بل ډول نښه ده.",
	} {
		q := findQuotes(s)
		if len(q) != 1 || q[0].Text != want {
			t.Errorf("findQuotes(%q) = %+v, want one quotation %q", s, q, want)
		}
	}
}

// Rules added on the development half of the press set (issue 17), each on
// synthetic sentences.
func TestSpeakerRulesNewsroomForms(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a bullet closed by who says it",
			"Convoy attacked near the river crossing\n• 14 drivers injured when the convoy was shelled near the bridge: ISPR\n" + lead,
			[]wantClaim{{"ISPR", "ispr", "pk", false, "14 drivers injured"}}},
		{"a bullet closed by something that is not a speaker",
			lead + "• Markets stay shut along the whole road to the valley: Update\n",
			nil},
		{"a closing according to",
			lead + "The two delegations will meet again in the capital in ten days, according to the Foreign Office.\n",
			[]wantClaim{{"Foreign Office", "pk-mofa", "pk", false, "meet again in the capital"}}},
		{"an according to inside the sentence",
			lead + "Zabihullah Mujahid gave a briefing to reporters.\nThe new road, according to Mujahid, will open before the winter snow.\n",
			[]wantClaim{{"Mujahid", "zabihullah-mujahid", "af-taliban", false, "will open before the winter"}}},
		{"an outlet citing its source: the source speaks",
			lead + "Most of the shops near the gate were burnt during the night, citing security officials.\n",
			[]wantClaim{{"security officials", "", "", false, "shops near the gate"}}},
		{"a participle clause after a known subject",
			lead + "Ishaq Dar, the foreign minister, thanked the two mediators at the dinner, saying that the next round would settle the monitoring plan.\n",
			[]wantClaim{{"Ishaq Dar, the foreign minister", "ishaq-dar", "pk", false, "next round would settle"}}},
		{"a participle clause after an unknown subject is not guessed",
			lead + "The committee thanked the two mediators at the dinner, saying that the next round would settle the monitoring plan.\n",
			nil},
		{"an institution with a descriptive appositive after a leading phrase",
			lead + "In a statement on Friday, the ISPR, the military's media wing, said six posts had been rebuilt along the ridge.\n",
			[]wantClaim{{"ISPR", "ispr", "pk", false, "six posts had been rebuilt"}}},
		{"a surname alone, then he",
			lead + "Asif said the water dispute would go to the joint commission.\nHe added that the commission would report within a month.\n",
			[]wantClaim{
				{"Asif", "khawaja-asif", "pk", false, "water dispute"},
				{"Asif", "khawaja-asif", "pk", false, "report within a month"}}},
		{"the minister is the last person named who holds that office",
			lead + "Khawaja Asif said the water dispute would go to the joint commission.\nThe minister stressed that no troops would move before the report.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "water dispute"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "no troops would move"}}},
		{"the minister with no minister named is not guessed",
			lead + "Zabihullah Mujahid said the water dispute would go to the joint commission.\nThe minister stressed that no troops would move before the report.\n",
			[]wantClaim{{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "water dispute"}}},
		{"the speaker after a subordinating word, accused … of",
			lead + "The shelling began on Monday when the Taliban accused the border police of moving the fence.\n",
			[]wantClaim{{"Taliban", "af-taliban", "", false, "border police of moving"}}},
		{"an aside between speaker and verb",
			lead + "Islamabad, however, reiterated its demand for written guarantees on the militants.\n",
			[]wantClaim{{"Islamabad", "pk", "", false, "written guarantees"}}},
		{"an auxiliary and adverb before the verb",
			lead + "Kabul has long expressed concern that the fence cuts villages in two.\n",
			[]wantClaim{{"Kabul", "af-taliban", "", false, "fence cuts villages"}}},
		{"a comma between verb and quotation",
			lead + "Military spokesperson Ahmed Sharif Chaudhry said, “Every post on the ridge is manned again.”\n",
			[]wantClaim{{"Military spokesperson Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", true, "Every post on the ridge"}}},
		{"a participle and a colon, the quotation in the next paragraph",
			lead + "Meanwhile, Zabihullah Mujahid, spokesperson for the government, thanked the hosts, stating:\n“We will send the same team to the next meeting in the spring.”\n",
			[]wantClaim{{"Zabihullah Mujahid, spokesperson for the government", "zabihullah-mujahid", "af-taliban", true, "same team"}}},
		{"a quotation after a participle, unnamed officials",
			lead + "Pakistani officials showed maps of the camps, stating, “These camps were built after the spring and are still in use.”\n",
			[]wantClaim{{"Pakistani officials", "", "pk", true, "These camps were built"}}},
		{"the statement of a body named through according to",
			lead + "Both delegations signed a short text on the ceasefire, according to the Qatari foreign ministry.\n“The two sides agreed to meet again and to keep the crossings open,” read the statement.\n",
			[]wantClaim{
				{"Qatari foreign ministry", "qa-mofa", "qa", false, "signed a short text"},
				{"Qatari foreign ministry", "qa-mofa", "qa", true, "keep the crossings open"}}},
		{"two parties speaking jointly are not a speaker",
			lead + "Both sides declared that the ceasefire would hold through the winter.\n",
			nil},
		{"a headline repeated in the text is not a statement",
			"Officials say talks will resume next week in the capital\n" + lead + "Officials say talks will resume next week in the capital\n",
			nil},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

func TestReportingVerbsUrduDariPashtoForms(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"Urdu: an office with its district, کے مطابق",
			"ضلع کرم کے ڈپٹی کمشنر احمد علی کے مطابق بازار کل صبح دوبارہ کھول دیا جائے گا۔\n",
			[]wantClaim{{"ضلع کرم کے ڈپٹی کمشنر احمد علی", "", "", false, "بازار کل صبح"}}},
		{"Urdu: a ministry named with its country",
			"ترکیہ کی وزارت خارجہ کے مطابق اگلا اجلاس جمعرات کو انقرہ میں ہوگا۔\n",
			[]wantClaim{{"ترکیہ کی وزارت خارجہ", "tr-mofa", "tr", false, "اگلا اجلاس"}}},
		{"Dari: a surname too short to find opens the clause; تصریح کرد:",
			"خواجه محمد آصف وزیر دفاع پاکستان به خبرنگاران چیزی نگفت.\nآصف امروز در گفتوگو با یک شبکه تصریح کرد: هر گلوله از آن سو پاسخ خواهد گرفت.\n",
			[]wantClaim{{"آصف", "khawaja-asif", "pk", true, "هر گلوله"}}},
		{"Dari: these sources are the sources named before; از … خبر دادند",
			"منابع محلی از بسته شدن بازار مرزی در شب گذشته خبر دادند.\nبهگفته این منابع، بازار تا هفته آینده بسته خواهد ماند.\n",
			[]wantClaim{
				{"منابع محلی", "", "", false, "بسته شدن بازار"},
				{"منابع محلی", "", "", false, "تا هفته آینده"}}},
		{"Dari: a pronoun opening the clause before named parties",
			"ذبیحالله مجاهد امروز در یک نشست خبری به پرسشهای خبرنگاران پاسخ داد.\nوی حملات پاکستان بر پکتیکا را با شدیدترین الفاظ محکوم کرد و گفت این حملات خانههای مردم را ویران کرده است.\n",
			[]wantClaim{{"ذبیحالله مجاهد", "zabihullah-mujahid", "af-taliban", false, "خانههای مردم"}}},
		{"Dari: an outlet as the subject nearest the verb is not a speaker",
			"به گزارش یک خبرگزاری، از کابل، رسانههای محلی امروز اعلام کردند: بازار مرزی دوباره باز شده است.\n",
			nil},
		{"Dari: an office with its party next to it, نسبت داد, the person named later",
			"سخنگوی طالبان بسته شدن گذرگاه را به رفتار مرزبانان پاکستانی نسبت داد.\nذبیح الله مجاهد امروز در کابل با خبرنگاران دیدار داشت.\n",
			[]wantClaim{{"سخنگوی طالبان", "zabihullah-mujahid", "af-taliban", false, "بسته شدن گذرگاه"}}},
		{"Dari: a capital opening the clause after که",
			"درگیری پس از آن آغاز شد که اسلامآباد اعلام کرد که مرز تا هفته آینده بسته می ماند.\n",
			[]wantClaim{{"اسلامآباد", "pk", "", false, "مرز تا هفته آینده"}}},
		{"Pashto: an office resolved to the one person the document names in it, even later",
			"د پاکستان د دفاع وزیر له مخه ویلي، که پلاوی بېرته لاړ شي نو پوله به بنده وي.\nخواجه محمد اصف پرون له خبریالانو سره وکتل.\n",
			[]wantClaim{{"د پاکستان د دفاع وزیر", "khawaja-asif", "pk", false, "پلاوی بېرته"}}},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

func TestFigureFormsIssue17(t *testing.T) {
	for s, want := range map[string]string{
		// A number word is a whole word: "دو" opens "دوران" and is no figure.
		"ترجمان نے کہا کہ جھڑپوں کے دوران نو طالبان اہلکار مارے گئے۔": "9 exact 0",
		// The longest noun: "چیک پوسٹوں", not "چیک پوسٹ" and a longer word.
		"ترجمان نے کہا کہ 20 چیک پوسٹوں پر قبضہ کیا گیا۔":               "20 exact 0",
		"The army said over 40 Taliban and other fighters were killed.": "40 at_least 0",
		// "Taliban" is counted only when no counted noun follows it.
		"The army said at least 12 Afghan Taliban fighters were killed.": "12 at_least 0",
	} {
		figs := findFigures(s)
		got := ""
		if len(figs) > 0 {
			got = strings.TrimSpace(strings.Join([]string{itoa(figs[0].Count), figs[0].Qualifier, itoa(figs[0].CountMax)}, " "))
		}
		if got != want {
			t.Errorf("findFigures(%q) = %q (%+v), want %q", s, got, figs, want)
		}
	}
	if figs := findFigures("The army said at least 12 Afghan Taliban fighters were killed."); len(figs) != 1 || !strings.Contains(figs[0].What, "fighters") {
		t.Errorf("Taliban fighters: %+v, want one figure counting fighters", figs)
	}
}

// The scanner that replaced reportRe finds what the expression finds.
func FuzzSpeechVerbs(f *testing.F) {
	for _, s := range []string{
		"The ministry also said that the talks had failed, and he further added: no.",
		"He pointed out, pointed  out and pointed outward; expressed hope; expressed concern that",
		"unsaid saidé said_ repeatedly\tclaimed also\nreiterated 2said read",
		"“…,” the spokesman said. Officials told reporters they rejected it, alsosaid.",
		"", "also", "also ", "pointed", "pointed out",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := reportRe.FindAllStringSubmatchIndex(s, -1)
		got := findSpeechVerbs(s)
		if len(want) != len(got) {
			t.Fatalf("findSpeechVerbs(%q) = %v, reportRe finds %v", s, got, want)
		}
		for i := range want {
			if !slices.Equal(want[i], got[i]) {
				t.Fatalf("findSpeechVerbs(%q) = %v, reportRe finds %v", s, got, want)
			}
		}
	})
}

// mayHaveFigure never turns away a sentence the figure expressions match.
func FuzzMayHaveFigure(f *testing.F) {
	for _, s := range []string{"at least 12 Soldiers were killed", "Two TANKS", "over 200 Taliban and others", "12th soldiers", "x 12 soldiersé", "a dozen", "no figure here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if (figureRe.MatchString(s) || talibanRe.MatchString(s)) && !mayHaveFigure(s) {
			t.Fatalf("mayHaveFigure(%q) = false, but a figure expression matches", s)
		}
	})
}

// Matching the figure expressions in figureWindows finds what matching the
// whole sentence finds.
func FuzzFigureWindows(f *testing.F) {
	for _, s := range []string{"at least 12 Soldiers were killed", "no fewer than   twenty-five of the Afghan Taliban, and 3 posts", "someone killed people",
		"nine hundred and twenty five thousand people", "over 200 Taliban", "1.7 million Afghans and 5,000 trucks", "x12 soldiers 3", "“40 ‘civilians’ dead”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wins := figureWindows(s)
		for _, re := range []*regexp.Regexp{figureRe, talibanRe} {
			want := re.FindAllStringSubmatchIndex(s, -1)
			got := findAllIn(re, s, wins)
			if len(want) != len(got) {
				t.Fatalf("in windows %v of %q: %v, in the whole: %v", wins, s, got, want)
			}
			for i := range want {
				if !slices.Equal(want[i], got[i]) {
					t.Fatalf("in windows %v of %q: %v, in the whole: %v", wins, s, got, want)
				}
			}
		}
	})
}

// Forms met in English press the rules had not been written on (the third
// pass of issue 17): each case is one general pattern, in synthetic
// sentences about made-up events.
func TestSpeakerRulesUnseenForms(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"wrote on X that",
			lead + "Ishaq Dar wrote on X that the delegation would travel to the talks on Friday morning.\n",
			[]wantClaim{{"Ishaq Dar", "ishaq-dar", "pk", false, "delegation would travel"}}},
		{"wrote, posted, admitted without what was said report nothing",
			lead + "Ishaq Dar wrote a letter to the mediators about the convoy schedule for next week.\nThe hospital admitted two drivers hurt on the road to the crossing.\n",
			nil},
		{"suggested, indicated, disclosed and assured with that",
			lead + "Tahir Andrabi suggested that keeping the gate closed would be the better option for now.\nHe indicated that the convoy had been cleared from the Pakistani side.\n",
			[]wantClaim{
				{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "keeping the gate closed"},
				{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "convoy had been cleared"}}},
		{"a quotation closed by wrote on social media",
			lead + "“The convoy will leave at dawn and return before the night,” Zabihullah Mujahid wrote on social media.\n",
			[]wantClaim{{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", true, "convoy will leave"}}},
		{"a quotation closed by he outlined, after a reported statement",
			lead + "Khawaja Asif told reporters on Tuesday night that the text had been withdrawn twice. “Whenever we came close to a text, there was a call from the capital,” he outlined.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "text had been withdrawn"},
				{"Khawaja Asif", "khawaja-asif", "pk", true, "Whenever we came close"}}},
		{"a relative clause between the speaker and the verb",
			lead + "Khawaja Asif, who leads the delegation at the talks, told reporters that the border gates would reopen for trucks.\n",
			[]wantClaim{{"Khawaja Asif", "khawaja-asif", "pk", false, "border gates would reopen"}}},
		{"a which clause between the speaker and the verb",
			lead + "However, the Taliban, which did not take part in the meeting, accused Pakistan of adding new conditions to the text.\n",
			[]wantClaim{{"Taliban", "af-taliban", "", false, "Pakistan of adding new conditions"}}},
		{"the speaker after the verb closing the sentence",
			lead + "The six border posts were rebuilt after the shelling stopped, said the Inter-Services Public Relations (ISPR) on Monday.\nThe security forces remain committed to guarding the crossing, reaffirmed the ISPR.\n",
			[]wantClaim{
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "six border posts were rebuilt"},
				{"ISPR", "ispr", "pk", false, "remain committed to guarding"}}},
		{"the speaker after the verb, with an office and in a statement",
			lead + "The visit to the valley is based on an invitation from the two mediators, said Daniel Okoro, a member of the joint committee, in a statement.\n",
			[]wantClaim{{"Daniel Okoro, a member of the joint committee", "", "", false, "visit to the valley"}}},
		{"words after a verb that do not name anyone",
			lead + "The convoy carried flour and medicine for the valley, said to be the largest this year.\nTwo officials met the traders at the crossing, accused of smuggling by the police.\n",
			nil},
		{"it added: the body named before",
			lead + "The ISPR said the post was hit twice during the night by mortar fire.\nFour soldiers were injured in the second attack on the post, it added.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "post was hit twice"},
				{"ISPR", "ispr", "pk", false, "Four soldiers were injured"}}},
		{"a body the lists know, written in lower case, closing the sentence",
			lead + "Three traders were hurt when a shell hit the market near the crossing, the military’s media wing said.\n",
			// The ISPR is the military’s media wing.
			[]wantClaim{{"military’s media wing", "ispr", "pk", false, "Three traders were hurt"}}},
		{"datelines with a dash are not part of the speaker",
			"KABUL (Reuters) - The Taliban on Saturday confirmed that the talks would resume within a week.\n" +
				"Nov 08, Kathmandu - Khawaja Asif said the talks had failed again in the same city.\n",
			[]wantClaim{
				{"Taliban", "af-taliban", "", false, "talks would resume"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "talks had failed again"}}},
		{"a surname followed by another capitalised name is another person",
			lead + "DG ISPR Major General Asif Ghafoor said the post had been rebuilt within a week of the attack.\n",
			[]wantClaim{{"DG ISPR Major General Asif Ghafoor", "asif-ghafoor", "ispr", false, "post had been rebuilt"}}},
		{"a person named without a reporting verb is whom the next he means",
			lead + "Khawaja Asif said the committee would meet again next month in the same city.\nZabihullah Mujahid spoke to local television in Kabul on Saturday evening.\nHe said the Islamic Emirate wanted the talks to go on in Doha.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "committee would meet"},
				{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "wanted the talks to go on"}}},
		{"issued a statement accusing, then he",
			lead + "Khawaja Asif said the ceasefire holds only while no attack comes across the border.\nIn response, Taliban spokesman Zabihullah Mujahid issued a statement on Saturday accusing the delegation of careless conduct.\nHe said the Islamic Emirate had shown good intentions at the talks.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "ceasefire holds"},
				{"Taliban spokesman Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "delegation of careless conduct"},
				{"Taliban spokesman Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "shown good intentions"}}},
		{"an adverb between the speaker and the verb",
			lead + "Pakistan officially announced that the talks had ended without any agreement.\n",
			[]wantClaim{{"Pakistan", "pk", "", false, "talks had ended"}}},
		{"the office said while speaking, and the office named again after a group",
			lead + "Defence Minister Khawaja Asif said on Friday that the talks were over for now.\n“Right now, as we speak, the negotiations are over,” said the defence minister while speaking on a television programme.\nOfficials and sources said the talks stalled without any agreement on the text.\nThe defence minister added that the delegation had come without any programme.\n",
			[]wantClaim{
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "talks were over"},
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", true, "negotiations are over"},
				{"Officials and sources", "", "", false, "talks stalled"},
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "without any programme"}}},
		{"a quoted sentence after reported speech is its speaker's",
			lead + "Khawaja Asif said the delegation had again come without any programme. “They would only respect a verbal agreement, and there is no room for that.”\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "without any programme"},
				{"Khawaja Asif", "khawaja-asif", "pk", true, "only respect a verbal agreement"}}},
		{"a quotation cut off by the excerpt after reported speech",
			lead + "Security sources in Pakistan said that the safety of its people came first. \"We will continue to take all measures needed to protect the people from the menace o\n",
			[]wantClaim{
				{"Security sources in Pakistan", "", "pk", false, "safety of its people"},
				{"Security sources in Pakistan", "", "pk", true, "We will continue"}}},
		{"a press release by a body, its quotation running into the next paragraph",
			lead + "A press release by the Inter Services Public Relations (ISPR) said: “On the night of the attack, a group of fighters was picked up by the border patrols near the ridge.\n“Own troops engaged them, and four fighters were injured in the exchange of fire.”\n",
			[]wantClaim{
				{"Inter Services Public Relations (ISPR)", "ispr", "pk", true, "picked up by the border patrols"},
				{"Inter Services Public Relations (ISPR)", "ispr", "pk", true, "Own troops engaged"}}},
		{"a statement after a colon, without quotation marks",
			lead + "The Foreign Office said in a statement:\nPakistan remains committed to dialogue with the interim Afghan government on all issues.\n",
			[]wantClaim{{"Foreign Office", "pk-mofa", "pk", true, "remains committed to dialogue"}}},
		{"bullets after a colon, until the list ends",
			lead + "The ISPR said:\n• Six posts were rebuilt along the ridge after the shelling.\n• Four soldiers were injured during the second attack.\nThe weather stayed cold for the rest of the week in the valley.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", true, "Six posts were rebuilt"},
				{"ISPR", "ispr", "pk", true, "Four soldiers were injured"}}},
		{"told reporters before a colon",
			lead + "Attaullah Tarar told reporters: “The talks will go on only with a written text in hand.”\n",
			[]wantClaim{{"Attaullah Tarar", "attaullah-tarar", "pk", true, "written text in hand"}}},
		{"the spokesperson is the listed spokesperson named without the word",
			lead + "Tahir Andrabi confirmed that the convoy had crossed the border at noon.\nThe spokesperson also strongly condemned the attack on the market in the border town as an act of terror.\n",
			[]wantClaim{
				{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "convoy had crossed"},
				{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "attack on the market"}}},
		{"a leading clause is not part of the speaker, and a verb inside it is not the sentence's",
			lead + "Foreign Office Spokesperson Tahir Andrabi outlined the week's engagements during the briefing.\nOn Afghanistan, the spokesperson emphasized that the strikes were aimed at camps, not at villages.\nCommenting on the reported talks in the capital, Andrabi said the Foreign Office had no knowledge of them.\n",
			[]wantClaim{
				{"Foreign Office Spokesperson Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "strikes were aimed at camps"},
				{"Andrabi", "tahir-andrabi", "pk-mofa", false, "no knowledge of them"}}},
		{"a clause is not a speaker (since 'called for' reports speech, the capital is; the clause never was)",
			lead + "Islamabad called for calm and demanded that those responsible be punished by the courts.\n",
			[]wantClaim{{"Islamabad", "pk", "", false, "those responsible be punished"}}},
		{"that after a verb opens what is said, not a relative clause",
			lead + "While he appreciated that Afghan officials have acknowledged the presence of the camps, Pakistan continues to wait for a written text.\n",
			nil},
		{"another state's ministry, then the ministry",
			lead + "The talks were mediated by two neighbours, according to a statement from Qatar’s Ministry of Foreign Affairs.\nThe ministry said both delegations agreed to halt the shelling at once.\n",
			[]wantClaim{
				{"Qatar’s Ministry of Foreign Affairs", "qa-mofa", "qa", false, "talks were mediated"},
				{"Qatar’s Ministry of Foreign Affairs", "qa-mofa", "qa", false, "halt the shelling"}}},
		{"a state the lists do not know owns the ministry",
			lead + "Daniel Okoro, a spokesperson for the Israeli ministry of foreign affairs, said the talks would resume on Sunday in Cairo.\n",
			[]wantClaim{{"Daniel Okoro, a spokesperson for the Israeli ministry of foreign affairs", "", "", false, "talks would resume"}}},
		{"a quotation in lower case after said,",
			lead + "Daniel Okoro, a spokesperson for the committee said, “we have sent a delegation to the border town today.”\n",
			[]wantClaim{{"Daniel Okoro, a spokesperson for the committee", "", "", true, "we have sent a delegation"}}},
		{"and added: the subject of the sentence's first verb",
			lead + "Ishaq Dar stated, during a press conference, that the proposal was on the table, and added: “We still believe an agreement is possible this month.”\n",
			[]wantClaim{{"Ishaq Dar", "ishaq-dar", "pk", true, "agreement is possible"}}},
		{"a name the lists do not know is whom he means",
			lead + "“We will encourage any effort for a ceasefire,” Daniel Okoro said.\nWe need humanitarian access to the valley before the snow, he said.\n",
			[]wantClaim{
				{"Daniel Okoro", "", "", true, "encourage any effort"},
				{"Daniel Okoro", "", "", false, "humanitarian access"}}},
		{"the day after the verb belongs to the saying",
			lead + "Khawaja Asif said on Sunday the delegation left the city after meeting the mediators.\n",
			[]wantClaim{{"Khawaja Asif", "khawaja-asif", "pk", false, "the delegation left"}}},
		{"a quotation going on with its sentence before the attribution",
			lead + "“The Islamic Emirate is ready to sign” the written text, Zabihullah Mujahid said on Sunday.\n",
			[]wantClaim{{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", true, "ready to sign"}}},
		{"told an outlet: whom it was told is not what was said",
			lead + "Irshad Khan, another administration official in the district, told Arab News the border had now been opened for trucks.\n",
			[]wantClaim{{"Irshad Khan, another administration official in the district", "", "", false, "the border had now been opened"}}},
		{"the day between an appositive and the verb",
			lead + "Noor Rahman, the press officer of the Taliban in the province, on Friday confirmed that the two sides had agreed on the crossing rules.\n",
			[]wantClaim{{"Noor Rahman, the press officer of the Taliban in the province", "", "af-taliban", false, "two sides had agreed"}}},
		{"where it was said closes the sentence",
			lead + "The border crossing reopened at six in the morning on Saturday, customs official Noor Rahman said at the gate in the eastern province.\n",
			[]wantClaim{{"customs official Noor Rahman", "", "", false, "border crossing reopened"}}},
		{"what is said opens at the first that",
			lead + "Khawaja Asif stressed that many of the trucks carry food that is likely to go bad within days.\n",
			[]wantClaim{{"Khawaja Asif", "khawaja-asif", "pk", false, "many of the trucks carry food that is likely"}}},
		{"a that inside what is said does not open it",
			lead + "Ishaq Dar said Wednesday his team would call the mediators later that day to hear their answer.\n",
			[]wantClaim{{"Ishaq Dar", "ishaq-dar", "pk", false, "his team would call the mediators later that day"}}},
		{"the press secretary is the spokesperson named before",
			lead + "Foreign Office spokesperson Tahir Andrabi said the two ministers would not meet this month.\nA call between the two prime ministers can be arranged quickly if needed, the press secretary added.\n",
			[]wantClaim{
				{"Foreign Office spokesperson Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "would not meet this month"},
				{"Foreign Office spokesperson Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "call between the two prime ministers"}}},
		{"a state broadcaster with its abbreviation reports, it does not speak",
			lead + "Taliban-controlled National Radio Television Afghanistan (RTA) reported that the crossing had been fully reopened on Saturday.\n",
			nil},
		{"statements by someone, then a list with dashes",
			lead + "Statements by Ishaq Dar, the foreign minister of Pakistan:\n– The delegation will not travel before the written text is ready.\n– The crossings stay closed to trucks until further notice.\n",
			[]wantClaim{
				{"Ishaq Dar, the foreign minister of Pakistan", "ishaq-dar", "pk", true, "delegation will not travel"},
				{"Ishaq Dar, the foreign minister of Pakistan", "ishaq-dar", "pk", true, "crossings stay closed"}}},
		{"an office named first may carry a long description",
			lead + "An official from the Federal Investigation Agency (FIA) at the crossing stated that the gate reopened after approval from both sides.\n",
			[]wantClaim{{"An official from the Federal Investigation Agency (FIA) at the crossing", "", "", false, "gate reopened"}}},
		{"a leading adverb is not part of the speaker",
			lead + "Later the Taliban announced that the crossing would reopen on Thursday for traders.\n",
			[]wantClaim{{"Taliban", "af-taliban", "", false, "crossing would reopen"}}},
		{"a reporting verb whose subject is no speaker, then the closing attribution",
			"KABUL: The talks between the two committees concluded two days back in the capital, Afghan Taliban spokesperson Zabihullah Mujahid said.\n",
			[]wantClaim{{"Afghan Taliban spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "talks between the two committees concluded"}}},
		{"told an outlet on a date, closing the sentence",
			lead + "Two people were killed and nine wounded in a clash near the river crossing, health officials in the province told Radio Example on February 24.\n",
			[]wantClaim{{"health officials in the province", "", "", false, "Two people were killed"}}},
		{"unnamed officials of a party opening the sentence",
			lead + "Local Taliban officials in the district closed the crossing last Sunday, saying that the other side had not kept its word.\n",
			[]wantClaim{{"Local Taliban officials", "", "af-taliban", false, "had not kept its word"}}},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
	// Who speaks is not what is counted: "Three officials … said".
	if got := drafted(t, lead+"Three officials with direct knowledge of the talks said 12 soldiers were injured in the attack on the post.\n"); len(got) != 1 {
		t.Errorf("three officials: %d claims, want 1: %+v", len(got), got)
	} else if c := got[0]; len(c.Figures) != 1 || c.Figures[0].Count != 12 {
		t.Errorf("figures of %q = %+v, want only the 12 soldiers", c.Text, c.Figures)
	}
	for phrase, want := range map[string]string{
		"Asif Ghafoor":                            "asif-ghafoor", // not Khawaja Asif
		"Munir Akram":                             "",
		"Khawaja Asif":                            "khawaja-asif",
		"Qatar’s Ministry of Foreign Affairs":     "qa-mofa",
		"the Israeli ministry of foreign affairs": "",
		"the Foreign Office":                      "pk-mofa",
	} {
		if got := IdentifySpeaker(phrase); got != want {
			t.Errorf("IdentifySpeaker(%q) = %q, want %q", phrase, got, want)
		}
	}
}

// TestFiguresAndSpeechUnseenForms: forms met in a further reading of
// unseen English press (issue 17): figures a speaker rule lost or a date
// invented, and statements joined to another verb or interrupted by an
// aside. Every text is synthetic.
func TestFiguresAndSpeechUnseenForms(t *testing.T) {
	type fig struct {
		count int64
		qual  string
	}
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
		figs [][]fig // per claim with a speaker, when checked
	}{
		{"a participle before a preposition describes the speaker",
			lead + "Three people were killed and seven wounded near the gate, an official stationed at the border said on Monday.\n" +
				"Officials involved in the rescue said at least 14 people were still missing after the shelling.\n" +
				"Sources cited by the broadcaster said 20 fighters had been captured near the river.\n",
			[]wantClaim{
				{"an official stationed at the border", "", "", false, "Three people were killed"},
				{"Officials involved in the rescue", "", "", false, "still missing"},
				{"Sources cited by the broadcaster", "", "", false, "20 fighters"}},
			[][]fig{{{3, "exact"}, {7, "exact"}}, {{14, "at_least"}}, {{20, "exact"}}}},
		{"a participle that is the verb of a clause is no speaker",
			lead + "Pakistan responded to the shelling with strikes and the talks ended, officials said.\n",
			[]wantClaim{{"officials", "", "", false, "Pakistan responded to the shelling"}},
			nil},
		{"a day of the month is not a count",
			lead + "The military said eight soldiers were martyred on October 11 when militants attacked a post near the ridge.\n",
			[]wantClaim{{"the military", "pk-army", "pk", false, "eight soldiers were martyred"}},
			[][]fig{{{8, "exact"}}}},
		{"claimed the lives of reports a toll; what the speaker adds is a claim of its own",
			lead + "The strike claimed the lives of eight women and 12 children, Abdul Karim, a member of the provincial council, said on Saturday, adding that the strike also wounded more than 15 other civilians.\n",
			[]wantClaim{
				{"Abdul Karim, a member of the provincial council", "", "", false, "claimed the lives of eight women and 12 children"},
				{"Abdul Karim, a member of the provincial council", "", "", false, "the strike also wounded"}},
			[][]fig{{{8, "exact"}, {12, "exact"}}, {{15, "at_least"}}}},
		{"claimed the lives of, according to a body closing the sentence",
			lead + "The clashes also claimed the lives of 23 soldiers, while 29 others were wounded, according to the ISPR.\n",
			[]wantClaim{{"ISPR", "ispr", "pk", false, "claimed the lives of 23 soldiers"}},
			[][]fig{{{23, "exact"}, {29, "exact"}}}},
		{"a closing attribution with what it adds, the sentence opening without a speaker",
			lead + "Fighting broke out near the gate on Sunday, a spokesman for the provincial police, Ahmad Khan, said, adding that 10 civilians were killed.\n",
			[]wantClaim{
				{"a spokesman for the provincial police, Ahmad Khan", "", "", false, "Fighting broke out near the gate on Sunday"},
				{"a spokesman for the provincial police, Ahmad Khan", "", "", false, "10 civilians were killed"}},
			[][]fig{nil, {{10, "exact"}}}},
		{"a second verb joined by and has the subject of the first",
			lead + "Khawaja Asif described the proposal as a step forward and suggested that the crossings could reopen next week.\n" +
				"He offered condolences to the families and stated that the nation stood united behind the troops.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "crossings could reopen"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "nation stood united"}},
			nil},
		{"a second verb after a relative clause is not the first subject's",
			lead + "Khawaja Asif met the envoy who praised the plan and suggested that the crossings could reopen next week.\n",
			nil, nil},
		{"went on to say, continued by saying",
			lead + "Khawaja Asif went on to say that the army would respond to any attack on the posts.\n" +
				"Tahir Andrabi continued by saying that Pakistan had shared the evidence with the mediators.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "army would respond"},
				{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "shared the evidence"}},
			nil},
		{"a quotation interrupted by its attribution",
			lead + "“If the other side says yes, the crossings open on Monday,” Ishaq Dar said, “and the trucks will move within hours of the signing.”\n",
			[]wantClaim{
				{"Ishaq Dar", "ishaq-dar", "pk", true, "If the other side says yes"},
				{"Ishaq Dar", "ishaq-dar", "pk", true, "trucks will move"}},
			nil},
		{"an aside between dashes or a wish to stay unnamed between speaker and verb",
			lead + "Niamat Shahzad, a doctor at a hospital in the city — around 100 kilometres from the border — said two people were killed in the fighting.\n" +
				"A security official who asked not to be named said four soldiers were killed near the post.\n",
			[]wantClaim{
				{"Niamat Shahzad, a doctor at a hospital in the city", "", "", false, "two people were killed"},
				{"A security official", "", "", false, "four soldiers were killed"}},
			[][]fig{{{2, "exact"}}, {{4, "exact"}}}},
		{"a surname is the person named before with a title, for a later he",
			lead + "Secretary of State Marco Rubio told journalists that he hoped the other side would agree to the truce.\n" +
				"National Security Adviser Mike Waltz added that the plan was very clear to everyone.\n" +
				"Rubio insisted that the only way to end the war was through negotiations. However, he added that it was easier when the guns were silent.\n",
			[]wantClaim{
				{"Secretary of State Marco Rubio", "", "", false, "other side would agree"},
				{"National Security Adviser Mike Waltz", "", "", false, "plan was very clear"},
				{"Rubio", "", "", false, "only way to end the war"},
				{"Secretary of State Marco Rubio", "", "", false, "easier when the guns"}},
			nil},
		{"at least opens what is said, not a leading clause; a name with its office closes it",
			lead + "At least 12 people were killed in the shelling of the market, Ahmad Khan, a police spokesman, said.\n" +
				"At least three officials said 11 soldiers were wounded in the attack on the post.\n" +
				"At the meeting, Ishaq Dar said the talks would resume next week in the same city.\n" +
				"At around midnight, the ISPR said four soldiers were martyred at the post.\n",
			[]wantClaim{
				{"Ahmad Khan, a police spokesman", "", "", false, "At least 12 people were killed in the shelling of the market"},
				{"At least three officials", "", "", false, "11 soldiers were wounded"},
				{"Ishaq Dar", "ishaq-dar", "pk", false, "talks would resume"},
				{"ISPR", "ispr", "pk", false, "four soldiers were martyred"}},
			[][]fig{{{12, "at_least"}}, {{11, "exact"}}}},
		{"two dozen is 24",
			lead + "A hospital official said more than two dozen people were injured in the blast at the market.\n",
			[]wantClaim{{"A hospital official", "", "", false, "two dozen people"}},
			[][]fig{{{24, "at_least"}}}},
		{"fatalities and injuries are counted",
			lead + "In contrast, the Pakistan Army reported 23 fatalities and 29 injuries among its ranks on Sunday.\n",
			[]wantClaim{{"Pakistan Army", "pk-army", "pk", false, "23 fatalities"}},
			[][]fig{{{23, "exact"}, {29, "exact"}}}},
		{"a speaker the lists know, then which and the verb",
			lead + "This contradicts the toll released by the Taliban, which said 58 soldiers were killed in the fighting.\n" +
				"The convoy was stopped by the rain, which also said nothing about the talks at the hotel.\n",
			[]wantClaim{{"Taliban", "af-taliban", "", false, "58 soldiers were killed"}},
			[][]fig{{{58, "exact"}}}},
		{"a description before a name opens its segment",
			lead + "At least three people were killed in a drone attack on the capital and the region around it, Governor Andrei Vorobyev said.\n",
			[]wantClaim{{"Governor Andrei Vorobyev", "", "", false, "three people were killed"}},
			[][]fig{{{3, "at_least"}}}},
	} {
		got := drafted(t, tc.doc)
		checkClaims(t, tc.name, got, tc.want)
		if tc.figs == nil {
			continue
		}
		var found []Claim
		for _, c := range got {
			if c.Review == "" {
				found = append(found, c)
			}
		}
		for i, want := range tc.figs {
			if i >= len(found) {
				break
			}
			var have []fig
			for _, f := range found[i].Figures {
				have = append(have, fig{f.Count, f.Qualifier})
			}
			if !slices.Equal(have, want) {
				t.Errorf("%s: figures of claim %d %q = %v, want %v", tc.name, i, found[i].Text, have, want)
			}
		}
	}
	// The speaker closing the sentence is not part of what is said.
	for _, c := range drafted(t, lead+"At least 12 people were killed in the shelling of the market, Ahmad Khan, a police spokesman, said.\n") {
		if strings.Contains(c.Text, "Ahmad Khan") {
			t.Errorf("text %q holds its speaker", c.Text)
		}
	}
}

// Forms found in a fifth pass (issue 17), on synthetic sentences; each
// failed on the code before it.
func TestSpeakerAndFigureFormsFifthPass(t *testing.T) {
	type fig struct {
		count int64
		qual  string
		what  string
	}
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
		figs [][]fig // per claim with a speaker, when checked
	}{
		{"a place before a descriptive appositive is not the speaker",
			lead + "Security forces killed six terrorists in the Mir Ali area of North Waziristan, the military's media wing said on Thursday.\n",
			[]wantClaim{{"military's media wing", "ispr", "pk", false, "killed six terrorists"}},
			[][]fig{{{6, "exact", "terrorists killed"}}}},
		{"they is the last group, never one person",
			lead + "Security forces claimed that the attackers had crossed from the other side.\nThey also claimed that two soldiers were martyred in the exchange.\n" +
				"Khawaja Asif said that the talks would go on next week.\nThey said that the border would stay closed until then.\n",
			[]wantClaim{
				{"Security forces", "", "", false, "attackers had crossed"},
				{"Security forces", "", "", false, "two soldiers were martyred"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "talks would go on"}},
			nil},
		{"he after a person named by surname only",
			lead + "Rahimzai said the delegation would return on Friday with new proposals.\nHe added: “We do not want war, but we will defend our land.”\n",
			[]wantClaim{
				{"Rahimzai", "", "", false, "delegation would return"},
				{"Rahimzai", "", "", true, "We do not want war"}},
			nil},
		{"a short clause after told whom that is what was said, not the attribution",
			lead + "The Foreign Office spokesperson, Tahir Andrabi, told reporters at the weekly briefing that Pakistan wanted peace.\n",
			[]wantClaim{{"Foreign Office spokesperson, Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "Pakistan wanted peace."}},
			nil},
		{"officials quoted by the media speak; the media only carry it",
			lead + "Officials quoted by local media said that 14 civilians were killed in the strikes.\n",
			[]wantClaim{{"Officials quoted by local media", "", "", false, "14 civilians were killed"}},
			[][]fig{{{14, "exact", "civilians killed"}}}},
		{"a bulletin runs on without repeating its speaker, until the outlet speaks or someone else is the subject",
			lead + "Security forces conducted an operation in the district on the night of 3 and 4 March, the ISPR said on Tuesday.\n" +
				"During the operation, own troops effectively engaged the location of the militants. Resultantly, four terrorists were killed.\n" +
				"Pakistan has consistently asked the interim government to deny the use of its soil to the militants.\n" +
				"The term is used by the state for members of the banned group. Two more soldiers were martyred in a separate attack.\n" +
				"Tahir Andrabi, the Foreign Office spokesperson, told the weekly briefing that the crossings would stay closed.\n" +
				"President Asif Ali Zardari praised the troops for the operation in the district.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "Security forces conducted an operation"},
				{"ISPR", "ispr", "pk", false, "own troops effectively engaged"},
				{"ISPR", "ispr", "pk", false, "four terrorists were killed"},
				{"ISPR", "ispr", "pk", false, "Pakistan has consistently asked"},
				{"Tahir Andrabi, the Foreign Office spokesperson", "tahir-andrabi", "pk-mofa", false, "crossings would stay closed"}},
			[][]fig{nil, nil, {{4, "exact", "terrorists killed"}}}},
		{"an office named without the person is the one person of that office the document names",
			lead + "The Taliban spokesperson said that the delegation would leave for Istanbul on Thursday.\n" +
				"Zabihullah Mujahid, the Taliban spokesman, later posted the names of the delegates.\n" +
				"The Afghan defence ministry spokesperson said that the border was calm.\n",
			[]wantClaim{
				{"Taliban spokesperson", "zabihullah-mujahid", "af-taliban", false, "delegation would leave"},
				{"Afghan defence ministry spokesperson", "", "af-mod", false, "border was calm"}},
			nil},
		{"described as, a second verb after but, quoted as saying",
			lead + "Ministry spokesperson Enayatullah Khwarazmi described the shelling as “a violent and hateful act” and emphasised that defending the country was a right.\n" +
				"Khawaja Asif praised the other delegation's patience but blamed the capital for sabotaging the progress.\n" +
				"“Failure to reach a deal means open war,” Asif was quoted as saying by a news agency.\n",
			[]wantClaim{
				{"Ministry spokesperson Enayatullah Khwarazmi", "enayatullah-khwarazmi", "af-mod", false, "the shelling as “a violent and hateful act”"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "the capital for sabotaging"},
				{"Asif", "khawaja-asif", "pk", true, "Failure to reach a deal"}},
			nil},
		{"an outlet carries what the speaker inside says; joint statements, state media and two parties are no speakers",
			lead + "Deputy Prime Minister Ishaq Dar on Tuesday said that the crossings would reopen only after written guarantees, a television channel reported.\n" +
				"According to a joint statement released on Thursday, the delegations agreed to meet again in November.\n" +
				"According to state broadcaster PTV, the attackers were foreign nationals.\n" +
				"Afghanistan and Pakistan concluded their negotiations in the city after six days.\n" +
				"Addressing the Senate, the DPM said that the previous government had opened the border without guarantees.\n",
			[]wantClaim{
				{"Deputy Prime Minister Ishaq Dar", "ishaq-dar", "pk", false, "after written guarantees"},
				{"Deputy Prime Minister Ishaq Dar", "ishaq-dar", "pk", false, "previous government had opened"}},
			nil},
		{"an aside naming who issued the statement; a name with a long description; a participle inside the speaker's description",
			lead + "The Islamic Emirate of Afghanistan, in a parallel statement issued by spokesman Zabihullah Mujahid, stressed its commitment to resolving disputes through dialogue.\n" +
				"The Jamaat-ul-Ahrar, a splinter faction of the Tehreek-e-Taliban Pakistan (TTP), claimed responsibility for the bombing at the gate.\n" +
				"Around 5,000 containers of goods are stranded on both sides of the border, said a Pakistani official at the main border crossing in the northwest.\n" +
				"“The crossings stay closed,” the Pakistani official said and reiterated that the neighbour should stop the misuse of its soil.\n" +
				"According to the Pakistan Army, its forces killed at least 15–20 Taliban fighters near the crossing.\n",
			[]wantClaim{
				{"Islamic Emirate of Afghanistan", "af-taliban", "", false, "resolving disputes"},
				{"Jamaat-ul-Ahrar, a splinter faction of the Tehreek-e-Taliban Pakistan (TTP)", "ttp", "", false, "responsibility for the bombing"},
				{"a Pakistani official at the main border crossing in the northwest", "", "pk", false, "5,000 containers"},
				{"Pakistani official", "", "pk", true, "crossings stay closed"},
				{"Pakistani official", "", "pk", false, "misuse of its soil"},
				{"Pakistan Army", "pk-army", "pk", false, "15–20 Taliban fighters"}},
			[][]fig{nil, nil, {{5000, "about", "containers stranded"}}, nil, nil, {{15, "at_least", "Taliban fighters"}}}},
		{"a body's statement as the speaker, a participle with its own subject, a relative clause after a name and its office, correspondents",
			lead + "The military’s official statement claimed that over 200 fighters were killed in the exchange.\n" +
				"According to a statement from the ISPR, the fighting erupted late on the night of the attack near the ridge.\n" +
				"“The recent aggression only reinforces our concern about the sanctuaries,” the military statement noted.\n" +
				"While later the ISPR confirmed that 21 posts were temporarily captured near the ridge.\n" +
				"The operation involved strikes on the camps, with officials stressing that “extreme caution” was exercised to spare civilians.\n" +
				"“Our armed forces remain resolute in defending the motherland,” the statement said, adding that the response was “measured and decisive.”\n" +
				"Clashes broke out overnight in the district, according to Ali Mohammad Haqmal, spokesman for the local information department, who said 15 civilians had been killed.\n" +
				"All shops in the area are closed and many residents have fled, an AFP correspondent reported.\n" +
				"Zabihullah Mujahid made claims that the forces of the other side had bombed houses in the district.\n" +
				"The Taliban’s Ministry of Defence disputed this, claiming that refugees from the other side were also hit.\n" +
				"The coalition said those killed were family members of the fighters who died in the strike.\n",
			[]wantClaim{
				{"the military", "pk-army", "pk", false, "over 200 fighters"},
				{"ISPR", "ispr", "pk", false, "fighting erupted"},
				{"ISPR", "ispr", "pk", true, "recent aggression"},
				{"ISPR", "ispr", "pk", false, "21 posts were temporarily captured"},
				{"officials", "", "", false, "“extreme caution” was exercised"},
				{"ISPR", "ispr", "pk", true, "remain resolute"},
				{"ISPR", "ispr", "pk", false, "“measured and decisive.”"},
				{"Ali Mohammad Haqmal, spokesman for the local information department", "", "", false, "15 civilians had been killed"},
				{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "bombed houses"},
				{"Taliban’s Ministry of Defence", "af-mod", "af-taliban", false, "refugees from the other side"},
				{"coalition", "", "", false, "family members of the fighters"}},
			[][]fig{{{200, "at_least", "fighters killed"}}, nil, nil, {{21, "exact", "posts captured"}}, nil, nil, nil, {{15, "exact", "civilians killed"}}}},
		{"a leading participle clause ending on a name, a closing 'in his first address', a newspaper named 'Times of'",
			lead + "The truce has set a new normal for the border and will hold, Prime Minister Shehbaz Sharif said on Monday in his first address to the nation after the strikes.\n" +
				"Spelling out the changes after the attack and Operation Dawn, the Prime Minister said the country will act on its own terms.\n" +
				"According to Times of Malta, the delegations will meet again in Doha next week.\n",
			[]wantClaim{
				{"Prime Minister Shehbaz Sharif", "shehbaz-sharif", "pk", false, "The truce has set a new normal"},
				{"Prime Minister Shehbaz Sharif", "shehbaz-sharif", "pk", false, "act on its own terms"}},
			nil},
		{"the occasion between speaker and verb; a body's press chief runs on in his paragraph, not into the next; a report's author",
			lead + "Director General ISPR Maj Gen Ahmed Sharif Chaudhry in his maiden press briefing last month said that at least 293 people were martyred and 521 were injured. As many as 192 people were martyred in 219 incidents in the province.\n" +
				"Fresh fruit, vegetables and medicine make up most of the trade between the two countries.\n" +
				"The border clashes are part of a broader pattern, according to a recent report by the Border Security Watch.\n",
			[]wantClaim{
				{"Director General ISPR Maj Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "at least 293 people"},
				{"Director General ISPR Maj Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "192 people were martyred"},
				{"Border Security Watch", "", "", false, "broader pattern"}},
			[][]fig{{{293, "at_least", "people martyred"}, {521, "exact", "injured"}}}},
		{"a bulletin names its own side's troops; the army acting, a headline or a listed person is the outlet",
			lead + "A cross-border attack on a post led to the martyrdom of two soldiers, said the Inter-Services Public Relations (ISPR) on Monday.\n" +
				"Four other Army troops were injured in the assault on the border post.\n" +
				"The Pakistan Army also recovered a large cache of weapons from the site of the attack.\n" +
				"Tahir Andrabi, the Foreign Office spokesperson, said that Pakistan had yet to receive the draft. While he appreciated that the officials had acknowledged the problem, Pakistan continues to await the draft.\n" +
				"Border Talks Resume In Doha As Both Delegations Arrive For Third Round\n" +
				"Ghafoor referred to the martyrdom of the soldiers as the price paid for the vacuum on the other side.\n",
			[]wantClaim{
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "martyrdom of two soldiers"},
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "Four other Army troops"},
				{"Tahir Andrabi, the Foreign Office spokesperson", "tahir-andrabi", "pk-mofa", false, "yet to receive the draft"},
				{"Tahir Andrabi, the Foreign Office spokesperson", "tahir-andrabi", "pk-mofa", false, "While he appreciated"},
				{"Ghafoor", "asif-ghafoor", "ispr", false, "the martyrdom of the soldiers as the price"}},
			[][]fig{{{2, "exact", "soldiers"}}, {{4, "exact", "other Army troops injured"}}}},
		{"the side's unnamed official is the person of that side named last",
			lead + "Afghan Taliban spokesperson Zabihullah Mujahid told reporters that the talks had ended on Monday.\n" +
				"The Afghan Taliban official said that his side played the role of a mediator.\n" +
				"A Pakistani official said that the mediators would meet again in Doha.\n",
			[]wantClaim{
				{"Afghan Taliban spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "talks had ended"},
				{"Afghan Taliban spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "role of a mediator"},
				{"A Pakistani official", "", "pk", false, "meet again in Doha"}},
			nil},
		{"a body's spokesperson in lower case is the state's spokesperson named last; an adverb between speaker and verb; a quotation cut after two words",
			lead + "Addressing a press conference, Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry condemned the strikes, saying the forces had fired in the dark.\n" +
				"The military spokesperson accused the other side of targeting civilians, including women and children, in the night.\n" +
				"Lawrence Kanyuka, a spokesman for the alliance, even claimed that its forces controlled the city of Uvira.\n" +
				"“We decided to respond in a language that the enemy understands,” he proclaimed on Saturday.\n" +
				"Foreign Minister Edouard Bizimana told reporters: “It's t\n",
			[]wantClaim{
				{"Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "forces had fired"},
				{"Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "the other side of targeting civilians"},
				{"Lawrence Kanyuka, a spokesman for the alliance", "", "", false, "its forces controlled the city"},
				{"Lawrence Kanyuka, a spokesman for the alliance", "", "", true, "We decided to respond"}},
			nil},
		{"an initial does not end a sentence",
			lead + "US envoy Zalmay M. Khalilzad said that the talks would resume in Doha next week.\n",
			[]wantClaim{{"US envoy Zalmay M. Khalilzad", "", "", false, "talks would resume"}},
			nil},
		{"called on someone to act, not a visit; calling for; with a listed side accusing; an inverted attribution that adds",
			lead + "Iran’s Foreign Minister Abbas Araghchi called on both countries “to exercise restraint” in the days ahead.\n" +
				"Field Marshal Asim Munir called on President Asif Ali Zardari at the Presidency on Wednesday to discuss the situation.\n" +
				"Saudi Arabia echoed similar sentiments, calling for wisdom and restraint to prevent further escalation.\n" +
				"The talks collapsed last week, with Pakistan accusing the Taliban of allowing militants to stage attacks.\n" +
				"At “around 3am, aircraft bombarded civilian homes” in two provinces, said spokesperson Zabihullah Mujahid, adding that all eight people killed were women and children.\n",
			[]wantClaim{
				{"Iran’s Foreign Minister Abbas Araghchi", "abbas-araghchi", "ir", false, "to exercise restraint"},
				{"Saudi Arabia", "", "", false, "wisdom and restraint"},
				{"Pakistan", "pk", "", false, "the Taliban of allowing militants"},
				{"spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "aircraft bombarded civilian homes"},
				{"spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "all eight people killed were women and children"}},
			[][]fig{nil, nil, nil, nil, {{8, "exact", "people killed"}}}},
		{"denials, passives, agencies and lists of states are no statements; a party's spokesperson does not run on; 'reportedly' is the outlet",
			lead + "The government neither denied the allegations nor confirmed them on Monday.\n" +
				"Injuries were reported in the two districts after the shelling of the night.\n" +
				"The attacks included a bombing at a police school, the news agency reported.\n" +
				"Iran, Saudi Arabia, and Qatar urged both neighbours to resolve the dispute through dialogue.\n" +
				"Taliban spokesman Zabihullah Mujahid said that the strikes had killed ten civilians in the district.\n" +
				"The strikes hit a civilian home around midnight and destroyed two other houses.\n" +
				"Tahir Andrabi, the Foreign Office spokesperson, said that the crossings would stay closed.\n" +
				"The decision was reportedly taken after a meeting of the security committee.\n",
			[]wantClaim{
				{"Taliban spokesman Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "killed ten civilians"},
				{"Tahir Andrabi, the Foreign Office spokesperson", "tahir-andrabi", "pk-mofa", false, "crossings would stay closed"}},
			nil},
		{"counts of individuals, boys and girls, cops; a count in millions",
			lead + "Zabihullah Mujahid said that at least 46 individuals, among them five boys and four girls, were killed.\n" +
				"The police said that two cops were injured in the attack on the station.\n" +
				"Pakistan said that more than 1.7 million undocumented Afghans live in the country.\n",
			[]wantClaim{
				{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "46 individuals"},
				{"police", "", "", false, "two cops"},
				{"Pakistan", "pk", "", false, "1.7 million"}},
			[][]fig{{{46, "at_least", "individuals"}, {5, "exact", "boys killed"}, {4, "exact", "girls killed"}}, {{2, "exact", "cops injured"}}, {{1700000, "at_least", "undocumented Afghans"}}}},
		{"two speakers joined by 'and', documents and named outlets are no speakers; names with 'and' in them are; whom an outlet cites",
			lead + "Thailand and Cambodia said that civilians were being targeted near the temple.\n" +
				"Four soldiers were martyred in the attack, the military’s media wing and sources said.\n" +
				"According to the agreement, aid deliveries are set to begin immediately.\n" +
				"Internet media Axios reported that the envoy proposed a four-week truce.\n" +
				"Dr. Ahmad Rahimi, director of the district hospital, reported the same assessment.\n" +
				"Federal Minister for Information and Broadcasting Attaullah Tarar said that the talks had failed.\n" +
				"The hostages were freed on Wednesday, state television PTV citing security officials said.\n",
			[]wantClaim{
				{"Federal Minister for Information and Broadcasting Attaullah Tarar", "attaullah-tarar", "pk", false, "talks had failed"},
				{"security officials", "", "", false, "hostages were freed"}},
			nil},
		{"a surname the lists do not give is the person named in full before; offices written out; spellings; outlets and groups of states",
			lead + "Foreign Office spokesperson Shafqat Ali Khan told the weekly briefing that the border would reopen soon.\n" +
				"“At this point, it is speculative. I cannot comment on that,” Khan said.\n" +
				"Khawaja Asif, the defence minister, said that the ceasefire would hold.\n" +
				"The Pakistani Defence Minister said that the war was no longer confined to the border.\n" +
				"Foreign Office Spokesperson Tahir Andarabi said that the talks would be held in Istanbul.\n" +
				"Several Middle Eastern countries urged Pakistan and Afghanistan to show restraint.\n" +
				"Taliban-run national television said that certain circles were obstructing the talks.\n" +
				"Neither Kabul nor Islamabad nor the Turkish foreign ministry commented on the report.\n" +
				"While there was no confirmation from the Foreign Office, they occurred a day after President Asif Ali Zardari warned that Pakistan would retaliate.\n" +
				"Khan added: “As soon as any clarity or in\n",
			[]wantClaim{
				{"Foreign Office spokesperson Shafqat Ali Khan", "shafqat-ali-khan", "pk-mofa", false, "border would reopen"},
				{"Khan", "shafqat-ali-khan", "pk-mofa", true, "I cannot comment"},
				{"Khawaja Asif, the defence minister", "khawaja-asif", "pk", false, "ceasefire would hold"},
				{"Pakistani Defence Minister", "khawaja-asif", "pk", false, "no longer confined"},
				{"Foreign Office Spokesperson Tahir Andarabi", "tahir-andrabi", "pk-mofa", false, "held in Istanbul"},
				{"President Asif Ali Zardari", "asif-ali-zardari", "pk", false, "Pakistan would retaliate"}},
			nil},
		{"a paragraph the page repeats is drafted once; state television is an outlet",
			lead + "The defence minister of the interim government said on Sunday that the border line was not discussed during the talks.\n" +
				"The defence minister of the interim government said on Sunday that the border line was not discussed during the talks.\n" +
				"According to PTV, the army carried out strikes on positions across the border overnight.\n" +
				"Afghanistan’s TOLO News TV channel claimed that the clashes killed at least 58 soldiers.\n",
			[]wantClaim{{"defence minister of the interim government", "", "", false, "border line was not discussed"}},
			nil},
		{"key points under the headline written with dashes; the occasion before a quotation's speaker",
			"Defence minister warns of war after blast\n- Defence Minister Khawaja Asif warned that the attacks could not go unanswered\n- He accused the Afghan Taliban of harboring the attackers\n" +
				lead + "In a statement, the ISPR stated, “The attack was orchestrated through divided villages in the area.”\n",
			[]wantClaim{
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "could not go unanswered"},
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "the Afghan Taliban of harboring"},
				{"ISPR", "ispr", "pk", true, "orchestrated through divided villages"}},
			nil},
		{"a denial closing the sentence denies its object; 'deny' after 'to' or 'and' is no statement; dismissed … as",
			lead + "The Afghan Taliban deny these allegations.\n" +
				"The interim government is expected to fulfil its obligations and deny the use of its soil to the militants.\n" +
				"Khawaja Asif dismissed the condemnation of the attack as political drama.\n",
			[]wantClaim{
				{"Afghan Taliban", "af-taliban", "", false, "these allegations"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "the condemnation of the attack as political drama"}},
			nil},
		{"a bare condemnation, nobody, a verb before the name, a denial in a relative clause, a dateline with a dash",
			lead + "Interior Minister Mohsin Naqvi condemned the attack and offered his condolences to the families.\n" +
				"No one claimed responsibility for the attack on the post.\n" +
				"Baloch expressed Pakistan’s concern, urging the Taliban to ensure that the soil is not used against it.\n" +
				"Referring to the conflict, a claim which New Delhi has denied, he spoke at length.\n" +
				"Islamabad — Pakistan said that it will proceed with the expulsion of migrants from the capital.\n",
			[]wantClaim{{"Baloch", "", "", false, "the Taliban to ensure"}, {"Pakistan", "pk", "", false, "proceed with the expulsion"}},
			nil},
		{"a surname two listed people bear is the one the text named in full before",
			lead + "Defence Minister Mohammad Yaqoob Mujahid said that the border posts had been rebuilt.\n" +
				"Mujahid said that the forces were ready for any attack on the posts.\n",
			[]wantClaim{
				{"Defence Minister Mohammad Yaqoob Mujahid", "mohammad-yaqoob", "af-taliban", false, "posts had been rebuilt"},
				{"Mujahid", "mohammad-yaqoob", "af-taliban", false, "forces were ready"}},
			nil},
		{"the verb before the count, euphemisms, a quotation mark inside the count",
			lead + "The army said its troops killed over 120 militants and injured 40 others in the operation.\n" +
				"“Resultantly, six khwarij were sent to hell and two were neutralised later,” the ISPR said.\n" +
				"Zabihullah Mujahid said the Afghan forces had killed over 200 “Pakistani soldiers” and captured 25 posts.\n",
			[]wantClaim{
				{"the army", "pk-army", "pk", false, "killed over 120 militants"},
				{"ISPR", "ispr", "pk", true, "six khwarij were sent to hell"},
				{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "over 200"}},
			[][]fig{
				{{120, "at_least", "militants killed"}, {40, "exact", "others injured"}},
				{{6, "exact", "khwarij killed"}},
				{{200, "at_least", "Pakistani soldiers killed"}, {25, "exact", "posts captured"}}}},
	} {
		got := drafted(t, tc.doc)
		checkClaims(t, tc.name, got, tc.want)
		var found []Claim
		for _, c := range got {
			if c.Review == "" {
				found = append(found, c)
			}
		}
		for i, want := range tc.figs {
			if i >= len(found) {
				break
			}
			var have []fig
			for _, f := range found[i].Figures {
				have = append(have, fig{f.Count, f.Qualifier, f.What})
			}
			if !slices.Equal(have, want) {
				t.Errorf("%s: claim %d figures %v, want %v", tc.name, i, have, want)
			}
		}
	}
}

// TestSpeakerAndFigureFormsSixthPass: forms met on the sixth pass over
// press labelled outside the project (bench/README.md).
func TestSpeakerAndFigureFormsSixthPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a bulletin runs on past 'reported' as an adjective and up to where its body is named again",
			lead + "According to a press release issued by the ISPR, an operation was conducted by the security forces in the Datta Khel area. The operation was conducted on reported presence of militants in the area.\n" +
				"During the operation, own troops engaged the hideout and three militants were killed. Weapons were recovered from the killed militants. According to the ISPR, a second operation was conducted in Mir Ali.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "operation was conducted by the security forces"},
				{"ISPR", "ispr", "pk", false, "on reported presence"},
				{"ISPR", "ispr", "pk", false, "engaged the hideout"},
				{"ISPR", "ispr", "pk", false, "Weapons were recovered"},
				{"ISPR", "ispr", "pk", false, "second operation"}},
		},
		{"an armed group acted upon stays in the bulletin; a party as subject ends it",
			lead + "According to the ISPR, 312 operations were conducted in the province last month. A TTP cell planning attacks on the highway has been busted in Kohat. The Afghan Taliban have been asked to act against the group.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "312 operations"},
				{"ISPR", "ispr", "pk", false, "TTP cell"}},
		},
		{"a sentence glued to the one before; a quotation ended before the next sentence's own speaker; a listed surname after another given name is another person; 'the traders'",
			lead + "Ahmad Karimi, the head of the camp, said that tents had been set up.\n" +
				"Karimi emphasized, “If more families arrive, we are ready to receive them at the crossing.”Nasir Ahmad Rahimi, a transport officer, told reporters that the road had reopened on Monday morning.However, traders said the delays went on.\n",
			[]wantClaim{
				{"Ahmad Karimi, the head of the camp", "", "", false, "tents had been set up"},
				{"Ahmad Karimi, the head of the camp", "", "", true, "we are ready to receive them"},
				{"Nasir Ahmad Rahimi, a transport officer", "", "", false, "road had reopened"},
				{"traders", "", "", false, "delays went on"}},
		},
		{"an office or rank alone is the listed person the text named with it, even outside a claim",
			lead + "President Asif Ali Zardari and Prime Minister Shehbaz Sharif commended the troops, the state news agency reported.\n" +
				"The president said that the forces had shown great courage in the operation.\n" +
				"ISPR Director General Lieutenant General Ahmed Sharif Chaudhry will address a press conference today.\n" +
				"Last week, Lt Gen said that militants crossed the border under covering fire.\n" +
				"“The posts on the other side open fire first, and then they cross,” the top military spokesperson said.\n" +
				"Last week, Maj said that the roads were closed.\n",
			[]wantClaim{
				{"President Asif Ali Zardari", "asif-ali-zardari", "pk", false, "shown great courage"},
				{"Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "crossed the border"},
				{"Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", true, "open fire first"}},
		},
		{"a body called again by its noun keeps its identity and the words the text uses",
			lead + "UNAMA said that it had recorded 40 civilian casualties in the district.\n" +
				"The UN mission called on all parties to respect the principles of distinction and precaution.\n",
			[]wantClaim{
				{"UNAMA", "unama", "", false, "40 civilian casualties"},
				{"UN mission", "unama", "", false, "all parties to respect"}},
		},
		{"a body the lists do not know runs on like a listed one, until a person the lists do not know is the subject",
			lead + "A total of 12,400 Afghans returned from Pakistan in May, the International Organisation for Migration (IOM) said in a report.\n" +
				"Most returnees crossed at Torkham and the average family had seven members.\n" +
				"Provincial Governor Abdul Rahman Haqqani visited the crossing on Sunday and met the families.\n",
			[]wantClaim{
				{"International Organisation for Migration (IOM)", "", "", false, "12,400 Afghans returned"},
				{"International Organisation for Migration (IOM)", "", "", false, "average family had seven"}},
		},
		{"an office and a surname is the person named in full before; an office and a name between commas opens a sentence; agencies and state broadcasters are outlets; headlines under ALSO READ are links",
			lead + "Director General of Military Operations Lieutenant General Rajiv Ghai said that the operation had met its aims.\n" +
				"Lt Gen Ghai said that the response was guided by restraint.\n" +
				"Saudi Arabia’s Minister of State for Foreign Affairs, Adel Al-Jubeir, on Friday met with officials in Islamabad, calling for de-escalation and dialogue between the neighbours.\n" +
				"According to PTI, the briefing was held at dawn in the capital city.\n" +
				"The country’s state-run broadcaster PTV said that an operation had been launched overnight.\n" +
				"ALSO READ\n" +
				"Defence minister says the border will stay closed for now\n" +
				"Envoy says talks will resume next week in the Qatari capital\n",
			[]wantClaim{
				{"Director General of Military Operations Lieutenant General Rajiv Ghai", "", "", false, "met its aims"},
				{"Director General of Military Operations Lieutenant General Rajiv Ghai", "", "", false, "guided by restraint"},
				{"Saudi Arabia’s Minister of State for Foreign Affairs, Adel Al-Jubeir", "", "", false, "de-escalation and dialogue"}},
		},
		{"'the statement' and 'it' are the body that spoke last, listed or not; 'the ministry' after another body is the reviewer's; a site's name is no sentence end",
			lead + "A statement issued from the police said the attackers targeted a patrol near the market.\n" +
				"“The police retaliated and repelled the attack on the patrol,” the statement said.\n" +
				"Also overnight, twelve militants were killed in North Waziristan, the military said in a statement.\n" +
				"It said weapons and ammunition were recovered from the killed insurgents.\n" +
				"The UNHCR said that forced returns breached international obligations.\n" +
				"The ministry said that the voluntary return of card holders would begin without delay.\n" +
				"Three soldiers were killed in the raid, the ISPR said. Security forces cleared the area afterwards, Caliber.Az reports via Russian media.\n",
			[]wantClaim{
				{"police", "", "", false, "targeted a patrol"},
				{"police", "", "", true, "repelled the attack"},
				{"the military", "pk-army", "pk", false, "twelve militants"},
				{"the military", "pk-army", "pk", false, "weapons and ammunition"},
				{"UNHCR", "", "", false, "forced returns breached"},
				{"ISPR", "ispr", "pk", false, "Three soldiers"}},
		},
		{"a long office before the name; a quotation ended before 'He revealed that …' is the speaker's named before it",
			lead + "Pakistan's Deputy Prime Minister and Foreign Minister Ishaq Dar confirmed the truce, stating, \"Pakistan has always strived for peace in the region.\" He revealed that several states had reached out during the day.\n",
			[]wantClaim{
				{"Ishaq Dar", "ishaq-dar", "pk", true, "always strived for peace"},
				{"Ishaq Dar", "ishaq-dar", "pk", false, "several states had reached out"}},
		},
		{"the subject after a long opening participle is whom 'he' means; a question quoted and 'asked'; 'the DG'",
			lead + "Speaking at a joint press conference in Islamabad alongside Air Vice Marshal Aurangzeb Ahmed, and Rear Admiral Raja Rab Nawaz, Lt Gen Ahmed Sharif Chaudhry questioned the speed at which New Delhi assigned blame.\n" +
				"“How did the Indian government reach a conclusion within just 10 minutes?” he asked, noting that such accusations had been a pattern.\n" +
				"“Are these the terrorists they claimed to hit?” the DG asked.\n" +
				"The ministry asked Kabul to act against the group before the next round.\n",
			[]wantClaim{
				{"Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", true, "How did the Indian government"},
				{"Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "such accusations had been"},
				{"Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", true, "Are these the terrorists"}},
		},
		{"'the statement' is the one a person was said to issue; 'issued a formal statement confirming …'",
			lead + "Zabihullah Mujahid, spokesman for the IEA, issued a formal statement confirming the outcome of the talks in Istanbul.\n" +
				"“From the beginning, the Islamic Emirate has believed in diplomacy and understanding,” the statement read.\n",
			[]wantClaim{
				{"Zabihullah Mujahid, spokesman for the IEA", "zabihullah-mujahid", "af-taliban", false, "the outcome of the talks"},
				{"Zabihullah Mujahid, spokesman for the IEA", "zabihullah-mujahid", "af-taliban", true, "believed in diplomacy"}},
		},
		{"'he' with no person named is the body that spoke; 'This comes after X urged …'",
			lead + "The ISPR said clearance operations were under way in the surrounding villages.\n" +
				"He said the follow-up actions were part of a broader campaign against the militants.\n" +
				"This comes after Human Rights Watch (HRW) urged Pakistan to stop forcing refugees to return home.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "clearance operations"},
				{"ISPR", "ispr", "pk", false, "follow-up actions"},
				{"Human Rights Watch (HRW)", "", "", false, "Pakistan to stop forcing"}},
		},
		{"present-tense and other reporting verbs; a possessive is no speaker; a body's office before a name",
			lead + "Local sources say that the attack followed clashes between two clans.\n" +
				"Analysts warn that prolonged closures could weaken the fragile export sector.\n" +
				"Shinwari, however, hinted that extraordinary arrangements had been made for perishable goods.\n" +
				"He estimated that the exchequer loses around 700 million rupees daily.\n" +
				"The Prime Minister’s detailed description of the strikes was meant to quell doubts.\n" +
				"Inter-Services Public Relations (ISPR) Director General Lt Gen Ahmed Sharif Chaudhry has said that the border would stay closed.\n",
			[]wantClaim{
				{"Local sources", "", "", false, "attack followed clashes"},
				{"Analysts", "", "", false, "prolonged closures"},
				{"Shinwari", "", "", false, "extraordinary arrangements"},
				{"Shinwari", "", "", false, "700 million rupees"},
				{"Inter-Services Public Relations (ISPR) Director General Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "border would stay closed"}},
		},
		{"'but' before the speaker; an anonymity aside; 'with knowledge of'; a dateline with its country; 'did say'; a list closed by 'and'",
			lead + "Pakistan did not immediately comment, but security sources said they had targeted positions across the border.\n" +
				"The official, speaking on condition of anonymity, said all assailants were Afghan citizens.\n" +
				"Earlier, a security official with direct knowledge of the attack on the Wana cadet college said the assault was planned abroad.\n" +
				"KABUL, Afghanistan — UNAMA said it had received credible reports of civilian casualties.\n" +
				"But it did say calm had returned to the area after the soldiers withdrew.\n" +
				"Iran’s foreign minister, after talks with his counterparts from Pakistan, Qatar, and Russia, announced that a summit would be held in December.\n",
			[]wantClaim{
				{"security sources", "", "", false, "targeted positions"},
				{"official", "", "", false, "assailants were Afghan"},
				{"a security official with direct knowledge of the attack on the Wana cadet college", "", "", false, "planned abroad"},
				{"UNAMA", "unama", "", false, "credible reports"},
				{"UNAMA", "unama", "", false, "calm had returned"}},
		},
		{"what a quotation's speaker adds while urging or accusing",
			lead + "“Pakistan wants relations of respect and dignity,” Khawaja Asif said, urging Afghanistan to cooperate against cross-border terrorism.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", true, "respect and dignity"},
				{"Khawaja Asif", "khawaja-asif", "pk", false, "Afghanistan to cooperate"}},
		},
		{"'that' after an object and its infinitive is a relative clause; 'accuses' in the present; a quoted phrase after 'calling for'",
			lead + "Amir Khan Muttaqi urged Pakistan to stop making decisions that harm ordinary people.\n" +
				"Iran accuses Pakistan of not doing enough to prevent the group from carrying out attacks.\n" +
				"Saudi Arabia echoed similar sentiments, calling for “wisdom and restraint” to prevent further escalation.\n" +
				"The state uses the term for militants linked with the banned group in the north.\n",
			[]wantClaim{
				{"Amir Khan Muttaqi", "amir-khan-muttaqi", "af-taliban", false, "Pakistan to stop making decisions that harm"},
				{"Iran", "ir", "", false, "Pakistan of not doing enough"},
				{"Saudi Arabia", "", "", false, "“wisdom and restraint” to prevent"}},
		},
		{"'according to a statement issued by X' covers the verb before it; a statement issued after a subordinating word",
			lead + "Pakistan has confirmed that it will proceed with the expulsion of all Afghan migrants, according to a statement issued by the Taliban’s embassy in Islamabad on Wednesday.\n" +
				"The response came a few hours after the Afghan embassy in Islamabad issued a strongly worded statement on Wednesday, saying Afghan nationals in the capital had been subjected to arrests.\n",
			[]wantClaim{
				{"Taliban’s embassy in Islamabad", "", "af-taliban", false, "Pakistan has confirmed that it will proceed"},
				{"Afghan embassy in Islamabad", "", "af", false, "Afghan nationals in the capital"}},
		},
		{"a person the lists do not know, named with an office after 'according to' or as a subject, is whom 'he' means",
			lead + "Kohat District Police Officer Zahid Khan said that two officers were killed at the dam.\n" +
				"According to KP Inspector General of Police Zulfiqar Hameed, the authorities have taken notice of the killing.\n" +
				"“The additional IGP will supervise the investigation teams,” he said.\n" +
				"Meanwhile, Balochistan Chief Minister Sarfaraz Bugti strongly condemned the deadly blast.\n" +
				"He said that terrorists had targeted innocent people.\n",
			[]wantClaim{
				{"Kohat District Police Officer Zahid Khan", "", "", false, "two officers were killed"},
				{"KP Inspector General of Police Zulfiqar Hameed", "", "", false, "taken notice"},
				{"KP Inspector General of Police Zulfiqar Hameed", "", "", true, "supervise the investigation"},
				{"Balochistan Chief Minister Sarfaraz Bugti", "", "", false, "targeted innocent people"}},
		},
		{"a statement from 'the' body named in full; two offices of one person; 'in a statement earlier this week'",
			lead + "A statement from the Inter-Services Public Relations (ISPR) said that eight terrorists were killed in the first operation.\n" +
				"Deputy Prime Minister and Foreign Minister Ishaq Dar has accused the Afghan government of giving space to militants.\n" +
				"The Afghan acting deputy foreign minister in a statement earlier this week claimed that Daesh has training centres in the region.\n",
			[]wantClaim{
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "eight terrorists were killed"},
				{"Deputy Prime Minister and Foreign Minister Ishaq Dar", "ishaq-dar", "pk", false, "giving space to militants"},
				{"Afghan acting deputy foreign minister", "", "af", false, "Daesh has training centres"}},
		},
		// "Expressed readiness to mediate" offers, and says nothing: the
		// labellers of every later pass left it out (LABELLING.md), so the
		// eighth pass dropped it.
		{"'expressed readiness' is an offer, 'expressed the hope that' and a participle 'terming' say something",
			lead + "Iranian President Masoud Pezeshkian on Tuesday expressed readiness to mediate between the two neighbours.\n" +
				"Qatar also expressed the hope that this important step will end the tensions on the border.\n" +
				"Ishaq Dar welcomed the agreement, terming it the first step in the right direction.\n",
			[]wantClaim{
				{"Qatar", "qa", "", false, "this important step"},
				{"Ishaq Dar", "ishaq-dar", "pk", false, "it the first step"}},
		},
		{"a participle before 'by' reports nothing; a subheading of eight words is no statement",
			lead + "The last suicide attack in the country claimed by the regional chapter of the group was in the south.\n" +
				"Injuries reported in Kunar and Paktika attacks\n" +
				"Officials said that two people were wounded in Kunar.\n",
			[]wantClaim{{"Officials", "", "", false, "two people were wounded"}},
		},
		{"a CEO of a chamber with its long name; 'called on' a name to act, not to discuss",
			lead + "Shakerullah Safi, CEO of the Nangarhar Chamber of Commerce and Investment, stated: “The Torkham route is still closed, causing traders to incur losses.”\n" +
				"Ishaq Dar called on IEA to either distance these members from the border or hand them over.\n" +
				"Field Marshal Asim Munir called on President Asif Ali Zardari to discuss the situation on the border.\n",
			[]wantClaim{
				{"Shakerullah Safi, CEO of the Nangarhar Chamber of Commerce and Investment", "", "", true, "route is still closed"},
				{"Ishaq Dar", "ishaq-dar", "pk", false, "IEA to either distance"}},
		},
		{"'the ministry' is the body the last speaker speaks for; a quotation an outlet carries keeps the speaker named before it",
			lead + "Inayatullah Khwarizmi, a spokesman for the Taliban's Ministry of Defence, said that the group does not consider the province part of Pakistan.\n" +
				"The ministry said in a statement on Saturday that it had attacked points on the other side of the line.\n" +
				"When asked about the statement, Defence Ministry spokesman Inayatullah Khwarizmi said, \"We do not consider it to be Pakistani territory, so we cannot confirm it,\" Reuters reported.\n",
			[]wantClaim{
				{"Inayatullah Khwarizmi, a spokesman for the Taliban's Ministry of Defence", "enayatullah-khwarazmi", "af-mod", false, "does not consider the province"},
				{"ministry", "af-mod", "af-taliban", false, "attacked points"},
				{"Defence Ministry spokesman Inayatullah Khwarizmi", "enayatullah-khwarazmi", "af-mod", true, "We do not consider it"}},
		},
		{"'threatened that', not 'threatened to'; a quoted phrase after 'demanded'",
			lead + "Pakistan's Defence Minister Khawaja Asif has threatened that Pakistan could strike the hideouts at any time.\n" +
				"The militants threatened to attack the convoy again.\n" +
				"Islamabad demanded “credible and decisive measures” from Kabul to prevent the attacks.\n",
			[]wantClaim{
				{"Pakistan's Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "could strike the hideouts"},
				{"Islamabad", "pk", "", false, "“credible and decisive measures” from Kabul"}},
		},
		{"no group is no speaker",
			lead + "No militant group claimed responsibility for the blast at the court.\n",
			nil,
		},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

// TestOperationsCounted: operations and raids are conflict things
// (LABELLING.md, "Labelled press outside the project").
func TestOperationsCounted(t *testing.T) {
	got := drafted(t, lead+"According to the ISPR, 2,701 operations were conducted in the province and 12 raids in the city.\n")
	var have []string
	for _, c := range got {
		for _, f := range c.Figures {
			have = append(have, fmt.Sprintf("%d %s %s", f.Count, f.Qualifier, f.What))
		}
	}
	if want := []string{"2701 exact operations", "12 exact raids"}; !slices.Equal(have, want) {
		t.Errorf("figures %q, want %q", have, want)
	}
}

// Forms of the seventh pass (hold5, bench/README.md): each case fails on
// the code before it.
func TestSpeakerAndFigureFormsSeventhPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a day between the speaker and the verb; an abbreviated rank in a closing attribution",
			lead + "Governor Faisal Karim Kundi on Tuesday, March 3, said the convoy had reached the border post safely.\n" +
				"“The convoy will not stop until every family has been fed,” said relief commander Col. Imran Yusuf, who led the mission.\n",
			[]wantClaim{
				{"Governor Faisal Karim Kundi", "", "", false, "convoy had reached"},
				{"relief commander Col. Imran Yusuf", "", "", true, "every family has been fed"}},
		},
		{"the sides together, figures and a reason cited are no speakers",
			lead + "Officials from both sides of the frontier told the agency that the crossing was closed to traffic.\n" +
				"All three sides have conceded that the bridge remains the main obstacle to the deal.\n" +
				"According to official figures, more than 900 families returned through the crossing last week.\n" +
				"The council urged an immediate halt to the evictions, citing the harsh winter in the valley.\n",
			[]wantClaim{{"council", "", "", false, "immediate halt to the evictions"}},
		},
		{"two speakers joined by 'and' are not the second alone; a body and groups together",
			lead + "Nadia Rauf, a spokesperson for the provincial government, and Kamran Aziz, the district commissioner, confirmed that the market had reopened.\n" +
				"The UN and aid groups called for an end to the deportations of families in winter.\n",
			nil,
		},
		{"a second verb after 'and' is the first subject's; 'said this' points back",
			lead + "The Taliban spokesperson refuted reports of a commander, a senior militant, being in Kabul and warned that further raids would have grave consequences.\n" +
				"Foreign Office spokesperson Shafqat Ali Khan said the deportations would continue until March. He said this in a statement while responding to the envoy's remarks.\n",
			[]wantClaim{
				{"Taliban spokesperson", "", "af-taliban", false, "further raids would have grave consequences"},
				{"Foreign Office spokesperson Shafqat Ali Khan", "shafqat-ali-khan", "pk-mofa", false, "deportations would continue"}},
		},
		{"'A day earlier,' opens the sentence; the occasion between an appositive and 'said'",
			lead + "A day earlier, Deputy Prime Minister Ishaq Dar said the mediators had asked both capitals to keep the crossing open.\n" +
				"Lieutenant General Ahmed Sharif Chaudhry, head of the military's media wing, Inter-Services Public Relations, during a meeting with senior editors said, “Our forces do not strike civilians anywhere.”\n",
			[]wantClaim{
				{"Deputy Prime Minister Ishaq Dar", "ishaq-dar", "pk", false, "mediators had asked"},
				{"Lieutenant General Ahmed Sharif Chaudhry, head of the military's media wing", "ahmed-sharif-chaudhry", "ispr", true, "do not strike civilians"}},
		},
		{"the day and a purpose after a closing attribution; a caption closed by its credit",
			lead + "Kabul has launched operations against military posts along the frontier, the Taliban spokesperson said Friday night, as retaliation for the strikes.\n" +
				"Border guards patrol the frontier near the crossing, the army said. (File Photo)\n" +
				"The attackers stormed a police post in the district, killing four officers, local officials said Sunday, a week after the same group bombed a market.\n",
			[]wantClaim{
				{"Taliban spokesperson", "", "af-taliban", false, "launched operations against military posts"},
				{"local officials", "", "", false, "stormed a police post"}},
		},
		{"an age is not the name; what reports indicate and what two sides say together are nobody's",
			lead + "At the shelter near the river, 58-year-old Gul Bibi said she had walked for two days to reach the camp.\n" +
				"Reports indicate that the traders have urged the officials to reopen the route for fruit.\n" +
				"The strikes hit the district overnight, according to Pakistani officials and Taliban spokesman Zabihullah Mujahid.\n",
			[]wantClaim{{"Gul Bibi", "", "", false, "walked for two days"}},
		},
		{"'the Secretary-General' is the one named before with that office; 'the ISPR chief' is its director general",
			lead + "UN Secretary-General Ana Moreno welcomed the truce between the two countries on Sunday.\n" +
				"In a statement issued by her spokesperson, the Secretary-General urged both parties to agree on a lasting end to hostilities.\n" +
				"Lt Gen Ahmed Sharif Chaudhry addressed a news conference in Rawalpindi.\n" +
				"The ISPR chief said the operations in the north would go on until the last militant was caught.\n",
			[]wantClaim{
				{"UN Secretary-General Ana Moreno", "", "", false, "lasting end to hostilities"},
				{"ISPR chief", "ahmed-sharif-chaudhry", "ispr", false, "operations in the north"}},
		},
		{"a body's report is the body's; 'the report' after it; 'adds that, overall,'",
			lead + "According to UNAMA's report, 120 civilians were killed in the border districts in October.\n" +
				"The report adds that, overall, the strikes destroyed 40 homes in the province.\n",
			[]wantClaim{
				{"UNAMA's report", "unama", "", false, "120 civilians were killed"},
				{"UNAMA's report", "unama", "", false, "strikes destroyed 40 homes"}},
		},
		{"a police source is one person: 'he added', 'the senior police source'",
			lead + "Two guards were killed when gunmen attacked the checkpoint, a police source told the agency.\n" +
				"Four attackers were shot dead by the guards, he added.\n" +
				"The checkpoint was still sealed off, the senior police source said.\n",
			[]wantClaim{
				{"a police source", "", "", false, "Two guards were killed"},
				{"a police source", "", "", false, "Four attackers were shot dead"},
				{"a police source", "", "", false, "still sealed off"}},
		},
		{"a bulletin stops at what an agreement provides, at how events came about, and at another body acting",
			lead + "The Saudi Ministry of Foreign Affairs said it welcomed the truce and urged restraint on both sides. The security pact, which was signed last month, has drawn attention in the region. Under the pact, an attack on one is an attack on both.\n" +
				"The Relief Committee accused the fighters of looting the hospital in the town. The WHO verified the deaths of 40 patients in the ward.\n" +
				"The latest charge has deepened tensions between the neighbours since the blasts in the capital.\n",
			[]wantClaim{
				{"Saudi Ministry of Foreign Affairs", "", "", false, "welcomed the truce and urged restraint"},
				{"Relief Committee", "", "", false, "fighters of looting the hospital"}},
		},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

// Counts written in several number words, as bulletins read out spell
// them.
func TestCompoundNumberWords(t *testing.T) {
	got := drafted(t, lead+"According to the ISPR, sixty two thousand and four hundred thirty one operations were conducted, and eight hundred and twelve militants and forty-six high value targets were killed.\n")
	var have []string
	for _, c := range got {
		for _, f := range c.Figures {
			have = append(have, fmt.Sprintf("%d %s", f.Count, f.What))
		}
	}
	if want := []string{"62431 operations", "812 militants killed", "46 high value targets killed"}; !slices.Equal(have, want) {
		t.Errorf("figures %q, want %q", have, want)
	}
}

// Forms met in the eighth pass of issue 17 (hold7, outside the project):
// each case one general pattern, in synthetic sentences about made-up
// events.
func TestSpeakerAndFigureFormsEighthPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a party's ministry is a body: 'the ministry' after it, and its bulletin runs on",
			lead + "More than 2,000 families have returned through the northern crossing this week, according to the Taliban’s Ministry of Refugees and Repatriation.\n" +
				"The ministry stated that 412 of them had been held in detention centres before their return.\n",
			[]wantClaim{
				{"Taliban’s Ministry of Refugees and Repatriation", "af-taliban", "", false, "2,000 families have returned"},
				{"Taliban’s Ministry of Refugees and Repatriation", "af-taliban", "", false, "412 of them had been held"}},
		},
		{"an agency by its acronym after its name; 'the UN agency' is it",
			lead + "Nearly 90,000 people crossed the border in March, according to the United Nations High Commissioner for Refugees (UNHCR).\n" +
				"The UN agency said that a third of them were children under five.\n",
			[]wantClaim{
				{"United Nations High Commissioner for Refugees (UNHCR)", "", "", false, "90,000 people crossed"},
				{"United Nations High Commissioner for Refugees (UNHCR)", "", "", false, "third of them were children"}},
		},
		{"the outlet's comment after a closing attribution and its day; the move and what is unclear are the outlet's",
			lead + "Moscow has accepted the new envoy's credentials, the Taliban’s Ministry of Foreign Affairs announced on Sunday, marking another step in the thaw between the two capitals.\n" +
				"The move signals a deeper engagement despite the sanctions. It remains unclear whether other capitals will follow.\n",
			[]wantClaim{{"Taliban’s Ministry of Foreign Affairs", "af-mofa", "af-taliban", false, "Moscow has accepted the new envoy"}},
		},
		{"a body's account runs on up to where it is named again, past 'in a separate operation'",
			lead + "According to ISPR, troops raided a compound in the valley where militants were hiding. After a heavy exchange of fire, four terrorists were killed. In a separate operation near the river, two more were arrested. The ISPR said the militants had planned attacks on the highway.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "troops raided a compound"},
				{"ISPR", "ispr", "pk", false, "four terrorists were killed"},
				{"ISPR", "ispr", "pk", false, "two more were arrested"},
				{"ISPR", "ispr", "pk", false, "militants had planned attacks"}},
		},
		{"a place before a body's name is no appositive",
			lead + "Security forces killed five militants in an operation in Tank district, Khyber Pakhtunkhwa, the ISPR said on Friday.\n",
			[]wantClaim{{"ISPR", "ispr", "pk", false, "killed five militants"}},
		},
		{"a name after an initial is a person whom 'he' means",
			lead + "External Affairs Minister R. Kumaran also spoke on the talks and restated the government's position.\n" +
				"“The channel will stay open as long as the guns are silent,” he said.\n",
			[]wantClaim{{"External Affairs Minister R. Kumaran", "", "", true, "channel will stay open"}},
		},
		{"both leaders, a time span and two states joined by 'and the' are no speakers",
			lead + "Two days after the president announced the truce, the commanders will meet again at the border.\n" +
				"Both leaders emphasised the importance of keeping the hotline open during the holidays.\n" +
				"Malaysia and the U.S. have called for an immediate end to the shelling of the villages.\n",
			nil,
		},
		{"a quotation an outlet carries is not the last speaker's; a subordinate clause's verb after 'and' is not the subject's",
			lead + "Tahir Andrabi said that the delegation would leave for the talks on Saturday.\n" +
				"\"The delegation will be led by the interior minister and will stay for three days,\" Pakistan Television (PTV) reported.\n" +
				"The province has seen more attacks since the group ended its truce with the government last year and vowed to strike police posts.\n",
			[]wantClaim{{"Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "delegation would leave"}},
		},
		{"what someone said a thing was; a body named as a subject, then 'the ministry'; the group after an armed group; 'underlined'",
			lead + "The army shelled the ridge after the militia fired a volley of rockets as a warning over what it said were violations of the truce.\n" +
				"The Ministry of Labour and Migration shared the figures in its annual report. The ministry said that 3,100 workers had been sent home in the spring.\n" +
				"The Balochistan Liberation Army claimed responsibility for the ambush. The group further alleged that its fighters had seized two trucks.\n" +
				"The ministry underlined the need for shelters along the highway in winter.\n",
			[]wantClaim{
				{"Ministry of Labour and Migration", "", "", false, "3,100 workers had been sent home"},
				{"Balochistan Liberation Army", "bla", "", false, "responsibility for the ambush"},
				{"Balochistan Liberation Army", "bla", "", false, "fighters had seized two trucks"},
				{"Ministry of Labour and Migration", "", "", false, "need for shelters"}},
		},
		{"a statement named by whose it is; a spelling of Mujahid",
			lead + "Israel will study the reply and answer the mediators within days, a Mossad statement said.\n" +
				"Zabihullah Mujahed said that the border would reopen on Monday morning.\n",
			[]wantClaim{
				{"Mossad", "", "", false, "study the reply"},
				{"Zabihullah Mujahed", "zabihullah-mujahid", "af-taliban", false, "border would reopen"}},
		},
		{"'This was confirmed by X' gives X the sentence before, across the paragraph break, and 'he' after",
			lead + "ISLAMABAD: The two sides will hold a third round of talks in the capital next week.\n" +
				"This was confirmed by Foreign Office spokesperson Shafqat Ali during the weekly press briefing. He stated that the agenda had been shared with the mediators.\n",
			[]wantClaim{
				{"Foreign Office spokesperson Shafqat Ali", "shafqat-ali-khan", "pk-mofa", false, "third round of talks"},
				{"Foreign Office spokesperson Shafqat Ali", "shafqat-ali-khan", "pk-mofa", false, "agenda had been shared"}},
		},
		{"a name, then its office in capitals; 'many' is no speaker; a person before another is the subject",
			lead + "Imran Qadir, President of the Frontier Traders Association, stated that 310 trucks were waiting at the gate.\n" +
				"Many report running out of money and food at the crossing.\n" +
				"Ishaq Dar briefed Abbas Araghchi on the state of the talks in the capital. He reaffirmed that regional peace was a priority for the government.\n",
			[]wantClaim{
				{"Imran Qadir, President of the Frontier Traders Association", "", "", false, "310 trucks were waiting"},
				{"Ishaq Dar", "ishaq-dar", "pk", false, "regional peace was a priority"}},
		},
		{"a word the excerpt cuts does not count",
			lead + "Ishaq Dar briefed the envoy on the talks and emphasized the importance of m",
			nil,
		},
		{"'refuted', 'asked … to', an aside 'in response to', a party's statement, an office in capitals after the name",
			lead + "The Taliban spokesperson Zabihullah Mujahid refuted claims of a militant commander hiding in the eastern provinces.\n" +
				"Mohsin Naqvi, the interior minister, in response to recent statements made by Kabul, asked the interim government to hand over the commanders.\n" +
				"The Taliban's statement pointed out that the villages hit were home to families who cross the border often.\n" +
				"Mohammad Yaqoob Mujahid, Taliban Acting Minister of Defense, emphasized the need for new posts along the frontier.\n",
			[]wantClaim{
				{"Taliban spokesperson Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "claims of a militant commander"},
				{"Mohsin Naqvi, the interior minister", "mohsin-naqvi", "pk", false, "interim government to hand over"},
				{"Taliban", "af-taliban", "", false, "villages hit were home"},
				{"Mohammad Yaqoob Mujahid, Taliban Acting Minister of Defense", "mohammad-yaqoob", "af-taliban", false, "need for new posts"}},
		},
		{"what measures come amid is the outlet's",
			lead + "More than 1,200 families returned through the crossing on Sunday, according to the Taliban’s Ministry of Refugees and Repatriation. These measures come amid a wider campaign of deportations from both neighbours.\n",
			[]wantClaim{{"Taliban’s Ministry of Refugees and Repatriation", "af-taliban", "", false, "1,200 families returned"}},
		},
		{"an agency's marker and dateline; what an outlet carries is the speaker's inside; a family name written first",
			lead + "(MENAFN) China on Tuesday urged the two neighbours to settle their disputes through talks.\n" +
				"Islamabad [Pakistan], March 3 (ANI): The International Organization for Migration (IOM) has urged donors to fund shelters at the crossing, Khaama Press reported.\n" +
				"According to Khaama Press, the agency specifically highlighted the risks facing families returning in winter.\n" +
				"“The two countries are and will always be neighbours,” Chinese Foreign Ministry spokesman Lin Quan said at a briefing in Beijing.\n" +
				"Lin called on both sides to “continue handling their differences through dialogue and consultation.”\n",
			[]wantClaim{
				{"China", "", "", false, "settle their disputes"},
				{"International Organization for Migration (IOM)", "", "", false, "donors to fund shelters"},
				{"International Organization for Migration (IOM)", "", "", false, "risks facing families"},
				{"Chinese Foreign Ministry spokesman Lin Quan", "", "", true, "will always be neighbours"},
				{"Lin", "", "", false, "continue handling their differences"}},
		},
		{"a subheading in the present tense; what an operation came with is the outlet's; an adverb and a gloss after the verb; 'estimates'",
			lead + "Security forces killed nine militants in the district, the ISPR said on Monday.\n" +
				"The operation came on the same day when gunmen attacked a checkpoint in the city.\n" +
				"Military alleges cross-border support and identifies a new threat in the south\n" +
				"“We will never talk to them,” Mohsin Raza Naqvi said.\n" +
				"he stated firmly, ruling out any contact with the banned group.\n" +
				"The United Nations estimates that half of the valley's people need food aid this winter.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "killed nine militants"},
				{"Mohsin Raza Naqvi", "mohsin-naqvi", "pk", true, "never talk to them"},
				{"United Nations", "", "", false, "half of the valley's people"}},
		},
		{"'called upon … to'; an office and a name between commas, then an occasion, then a verb, is whom 'he' means",
			lead + "ISLAMABAD: Pakistan has called upon India to resume the normal functioning of the water treaty.\n" +
				"Foreign Office Spokesperson, Shafqat Ali Khan, at his weekly media briefing in Islamabad on Friday, welcomed the ruling of the court.\n" +
				"“The court reaffirmed its competence to continue the proceedings,” he stated.\n",
			[]wantClaim{
				{"Pakistan", "pk", "", false, "India to resume the normal functioning"},
				{"Foreign Office Spokesperson, Shafqat Ali Khan", "shafqat-ali-khan", "pk-mofa", true, "court reaffirmed its competence"}},
		},
		{"an aide to a listed person is not that person; a passive 'said to be'; 'details'; 'note'; spellings of a group and a wing",
			lead + "A longtime aide to Taliban Interior Minister Sirajuddin Haqqani said that the cabinet was divided over the decrees.\n" +
				"The toll has climbed to 812, with 2,817 people said to be injured in the three districts.\n" +
				"According to details, the suspects had crossed the border a week before the attack.\n" +
				"Analysts note that the closures have cost both economies dearly this year.\n" +
				"The outlawed Baloch Liberation Army claimed responsibility for the blast near the station.\n" +
				"The military’s public relations wing said that the area was being cleared of militants.\n" +
				"Prime Minister Shehbaz said that the fight would continue until the menace was eradicated.\n",
			[]wantClaim{
				{"A longtime aide to Taliban Interior Minister Sirajuddin Haqqani", "", "af-taliban", false, "cabinet was divided"},
				{"Analysts", "", "", false, "closures have cost both economies"},
				{"outlawed Baloch Liberation Army", "bla", "", false, "responsibility for the blast"},
				{"military’s public relations wing", "ispr", "pk", false, "area was being cleared"},
				{"Prime Minister Shehbaz", "shehbaz-sharif", "pk", false, "fight would continue"}},
		},
		{"responsibility claimed, then what a participle adds; 'according to the report' after a body; 'appealed for'",
			lead + "The Balochistan Liberation Army claimed responsibility for the ambush, stating that its fighters had seized two trucks.\n" +
				"More than 5,000 people returned from the west last week, the International Organization for Migration (IOM) reported on Friday.\n" +
				"According to the report, 40 percent of them were children under the age of ten.\n" +
				"The IOM appealed for urgent funding to shelter the families before the winter.\n",
			[]wantClaim{
				{"Balochistan Liberation Army", "bla", "", false, "responsibility for the ambush"},
				{"Balochistan Liberation Army", "bla", "", false, "fighters had seized two trucks"},
				{"International Organization for Migration (IOM)", "", "", false, "5,000 people returned"},
				{"International Organization for Migration (IOM)", "", "", false, "40 percent of them were children"},
				{"International Organization for Migration (IOM)", "", "", false, "urgent funding to shelter"}},
		},
		{"a teaser cut with an ellipsis, and a paragraph repeated with other quotation marks, are drafted where the article has them",
			lead + "Cambodia has called for an “immediate” and “unconditional” ceasefire with Thailand following days of…\n" +
				"The ministry said that 'large-scale attacks' had hit four posts along the northern frontier overnight.\n" +
				"Cambodia has called for an “immediate” and “unconditional” ceasefire with Thailand following days of clashes along the border.\n" +
				"The ministry said that “large-scale attacks” had hit four posts along the northern frontier overnight.\n",
			[]wantClaim{
				{"Cambodia", "", "", false, "ceasefire with Thailand following days of clashes"}},
		},
		{"a name and its office as the subject is whom 'he' means; figures released by someone are theirs; a bulletin stops at a sentence whose own subject speaks",
			lead + "Mawlawi Karim Nazari, Afghanistan’s acting Minister of Returnees, made this appeal during meetings with two envoys in Kabul.\n" +
				"“Mistreatment of returnees has increased and must stop,” he stated.\n" +
				"The toll has climbed to 120, according to figures released by the Taliban government on Monday.\n" +
				"According to the police, the attackers opened fire on the van near the bridge. Kurram District Police Officer Malik Qadir stated that the att",
			[]wantClaim{
				{"Mawlawi Karim Nazari, Afghanistan’s acting Minister of Returnees", "", "af", true, "Mistreatment of returnees"},
				{"Taliban government", "af-taliban", "", false, "toll has climbed to 120"},
				{"police", "", "", false, "attackers opened fire"}},
		},
		{"Urdu: an outlet's کے مطابق carries the speaker inside; an unlisted ministry; a pronoun after an adverbial; دعوٰی کیا",
			"خبر رساں ادارے کے مطابق وزیر دفاع خواجہ آصف نے کہا کہ سرحدی کمیٹی اگلے ہفتے دوبارہ ملے گی۔\n" +
				"ایک انٹرویو میں انہوں نے کہا کہ تاجروں کا نقصان پورا کیا جائے گا۔\n" +
				"وزارتِ اطلاعات و نشریات نے کہا کہ قافلے کی روانگی کا فیصلہ ابھی نہیں ہوا۔\n" +
				"ذبیح اللہ مجاہد نے منگل کو دعوٰی کیا ہے کہ سرحد پر فائرنگ رات بھر جاری رہی۔\n",
			[]wantClaim{
				{"خواجہ آصف", "khawaja-asif", "pk", false, "سرحدی کمیٹی"},
				{"خواجہ آصف", "khawaja-asif", "pk", false, "تاجروں کا نقصان"},
				{"وزارتِ اطلاعات و نشریات", "", "", false, "قافلے کی روانگی"},
				{"ذبیح اللہ مجاہد", "zabihullah-mujahid", "af-taliban", false, "فائرنگ رات بھر"}}},
		{"Dari: ابراز امیدواری کرده که; the president of a state named before",
			"رجب طیب اردوغان در آنکارا با هیئت‌ها دیدار کرد.\nرئیس جمهوری ترکیه ابراز امیدواری کرده که گفت‌وگوها به آتش‌بس پایدار منجر شود.\n",
			[]wantClaim{{"اردوغان", "recep-tayyip-erdogan", "tr", false, "آتش‌بس پایدار"}}},
		{"residents and eyewitnesses speak; a name with its office in capitals after an inverted verb, then 'she'; 'complained'",
			lead + "\"The houses are under the rubble and no one has come,\" one resident of the village told a local channel.\n" +
				"Different camps are vying for influence within the authorities, reported Amina Rahel, Special Representative of the Secretary-General. The first, she said, is \"more pragmatic and oriented to the needs of the people\".\n" +
				"Families in the valley complained to local media that no aid had reached them for a week.\n",
			[]wantClaim{
				{"one resident of the village", "", "", true, "houses are under the rubble"},
				{"Amina Rahel, Special Representative of the Secretary-General", "", "", false, "camps are vying"},
				{"Amina Rahel, Special Representative of the Secretary-General", "", "", false, "more pragmatic"},
				{"Families in the valley", "", "", false, "no aid had reached them"}},
		},
		{"according to a long report by a think tank, after its appositive, and its figures running on",
			lead + "According to a report released by the Frontier Institute for Conflict and Security Studies (FICSS), an Islamabad-based think tank, the province saw 64 attacks in May, which killed at least 90 people.\n" +
				"Among the dead were 41 security personnel and 36 civilians.\n",
			[]wantClaim{
				{"Frontier Institute for Conflict and Security Studies (FICSS)", "", "", false, "province saw 64 attacks"},
				{"Frontier Institute for Conflict and Security Studies (FICSS)", "", "", false, "41 security personnel"}},
		},
		{"Dari: a relative clause and the occasion after the office are not the speaker",
			"وزیر دفاع پاکستان، که توافق را در دوحه امضا کرده بود، در صحبت با الجزیره گفته است که گذرگاه فردا باز خواهد شد.\n",
			[]wantClaim{{"وزیر دفاع پاکستان", "", "pk", false, "گذرگاه فردا"}}},
		{"what security forces and authorities did next is the outlet's; data an outlet reviewed from an agency is nobody's",
			lead + "A spokesperson for the district police said the attackers fled the scene immediately after the assault. Security forces later cordoned off the area. Authorities have not yet released further details on the attackers.\n" +
				"According to data reviewed by Amu TV from BNA, more than 5,500 families were expelled last month.\n",
			[]wantClaim{{"A spokesperson for the district police", "", "", false, "attackers fled the scene"}},
		},
		{"a state's envoy named with office and name is whom 'he' means; a long double office before a name is the name's; 'told Dawn on condition of anonymity'; another state's ministry of that name",
			lead + "Pakistan’s Permanent Representative to the United Nations Ambassador Asim Iftikhar Ahmad made the remarks while addressing a debate in New York. In his statement, he highlighted the concerns about the border crossings.\n" +
				"Deputy Prime Minister and Foreign Minister Senator Ishaq Dar on Wednesday voiced concern over the attacks. The deputy prime minister underlined that the isolation could not continue.\n" +
				"The talks ended without an agreement on the monitoring, the sources told Dawn on condition of anonymity, as the negotiations were not public.\n" +
				"The two ministers discussed the crossings by phone, the Ministry of Foreign Affairs of Iran said in a statement.\n",
			[]wantClaim{
				{"Pakistan’s Permanent Representative to the United Nations Ambassador Asim Iftikhar Ahmad", "", "pk", false, "concerns about the border crossings"},
				{"Deputy Prime Minister and Foreign Minister Senator Ishaq Dar", "ishaq-dar", "pk", false, "isolation could not continue"},
				{"sources", "", "", false, "talks ended without an agreement"},
				{"Ministry of Foreign Affairs of Iran", "ir", "", false, "two ministers discussed"}},
		},
		{"an office and a name of four words, a day, a past verb, then a participle",
			lead + "U.S. President Donald Trump on Sunday pledged to end the conflict, describing both leaders as “great people.”\n",
			[]wantClaim{{"U.S. President Donald Trump", "", "", false, "both leaders as"}},
		},
		{"complaints about something, hints at it, warnings of consequences, a claim a state denies, 'whose spokesman', 'these comments' and 'in a related development' say nothing of their own",
			lead + "Transporters complained about the rotting of the fruit they had loaded onto their trucks.\n" +
				"Islamabad accuses the authorities there of sheltering the militants, an accusation Kabul denies.\n" +
				"Khawaja Asif hinted at possible military action against the hideouts across the border.\n" +
				"Khawaja Asif warned Kabul, as well as the facilitators of the militants, of severe consequences.\n" +
				"Islamabad blames the group for the blasts in the northwest, a claim Kabul denies.\n" +
				"The explosions hit the depot in the capital, whose spokesman said an oil tanker had exploded.\n" +
				"These comments reflect the growing frustration over the closed crossings in the north.\n",
			[]wantClaim{
				{"Islamabad", "pk", "", false, "authorities there of sheltering"},
				{"Islamabad", "pk", "", false, "group for the blasts"}},
		},
		{"a state's officer named with the office opens a participle's statement",
			lead + "Türkiye's Head of Communications Burhanettin Duran on Sunday welcomed the ceasefire, saying Ankara will keep supporting the talks between the two nations.\n",
			[]wantClaim{{"Türkiye's Head of Communications Burhanettin Duran", "", "tr", false, "Ankara will keep supporting"}},
		},
		{"'led by X' is an aside; events and ties say nothing; what a meeting follows is the outlet's; a dateline closed by a hyphen",
			lead + "Islamabad's delegation, led by Defence Minister Khawaja Asif, demanded that Kabul act against the fighters.\n" +
				"Strikes reported hours after the two sides agreed to extend the truce.\n" +
				"Iran, which maintains close ties with both governments, has offered to mediate.\n" +
				"Kabul maintains it does not support attacks across the border.\n" +
				"ALWAGHT- The Foreign Ministry of Iran said that it was ready to host the next round.\n" +
				"The Doha meeting follows a deadly attack on Friday in the southeast.\n",
			[]wantClaim{
				{"Islamabad's delegation", "", "", false, "Kabul act against the fighters"},
				{"Kabul", "af-taliban", "", false, "does not support attacks"},
				{"Foreign Ministry of Iran", "ir", "", false, "ready to host the next round"}},
		},
		{"'his office' is the person named before",
			lead + "Turkish President Recep Tayyip Erdogan met the prime minister in Baku on Saturday. He reiterated Turkey's commitment to the talks, according to a statement from his office.\n",
			[]wantClaim{{"Turkish President Recep Tayyip Erdogan", "recep-tayyip-erdogan", "tr", false, "commitment to the talks"}},
		},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
	// The repeated paragraph is drafted once, for the reviewer.
	n := 0
	for _, c := range drafted(t, lead+"The ministry said that 'large-scale attacks' had hit four posts along the northern frontier overnight.\nThe ministry said that “large-scale attacks” had hit four posts along the northern frontier overnight.\n") {
		if strings.Contains(c.Text, "large-scale attacks") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("a paragraph repeated with other quotation marks drafted %d times, want once", n)
	}
	// "50 percent were women", "2.4 percent were persons": shares, not
	// counts.
	var have []string
	for _, f := range findFigures("Of those who returned, 50 percent were women and 2.4 percent were persons with disabilities, and after three days of clashes 300 families were sheltered in 38 residential settlements for returnees, while six million refugees remain abroad.") {
		have = append(have, fmt.Sprintf("%d %s", f.Count, f.What))
	}
	if want := []string{"300 families", "6000000 refugees"}; !slices.Equal(have, want) {
		t.Errorf("figures %q, want %q", have, want)
	}
}

// TestSpeakerFormsNinthPass: forms met in the ninth pass's sets (bench/README.md),
// each written anew.
func TestSpeakerFormsNinthPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a spokesperson the lists do not know, named with the office, is not the listed spokesperson named before",
			lead + "Hamdullah Fitrat, deputy spokesman for the government, said that the strike hit a clinic in the east of the city.\n" +
				"Abdul Matin Qane, spokesperson for Afghanistan’s Ministry of Interior, warned that the country would respond at a time of its choosing.\n",
			[]wantClaim{
				{"Hamdullah Fitrat, deputy spokesman for the government", "hamdullah-fitrat", "af-taliban", false, "strike hit a clinic"},
				{"Abdul Matin Qane, spokesperson for Afghanistan’s Ministry of Interior", "", "af", false, "country would respond"}},
		},
		{"'Latest News' under the article's text: what follows is another article",
			lead + "The spokesperson for the provincial governor, Ahmad Zia, said that the crossing had been closed since the morning and that hundreds of trucks were waiting on both sides of the border.\n" +
				"Traders at the crossing said that the closure was costing them a great deal of money every day, and that perishable goods were rotting in the heat of the afternoon.\n" +
				"Latest News\n" +
				"Minister meets envoy in the capital\n" +
				"Defence Minister Khawaja Asif said that the talks with the envoy had been productive and that a second meeting would follow next week in the capital.\n",
			[]wantClaim{
				{"spokesperson for the provincial governor, Ahmad Zia", "", "", false, "crossing had been closed"},
				{"Traders at the crossing", "", "", false, "closure was costing them"}},
		},
		{"a condemnation 'as well' says nothing; the participle's clause after it does; a party is 'it'",
			lead + "The Islamic Emirate of Afghanistan (IEA) strongly condemned the attacks, asserting that defending the country's airspace is its legitimate right. It warned that a response would come at the proper time.\n" +
				"The International Human Rights Foundation condemned the attacks as well, stating that strikes on populated areas constitute a grave violation of the law.\n",
			[]wantClaim{
				{"Islamic Emirate of Afghanistan (IEA)", "af-taliban", "", false, "defending the country's airspace"},
				{"Islamic Emirate of Afghanistan (IEA)", "af-taliban", "", false, "response would come"},
				{"International Human Rights Foundation", "", "", false, "strikes on populated areas"}},
		},
		{"an announced readiness is an offer; 'told a media briefing here' closes the sentence; 'termed X as' says something",
			lead + "Araghchi also announced Iran’s readiness to help ease tensions between the two neighbours.\n" +
				"China welcomes the ceasefire agreement reached by the two countries during the holiday, Foreign Ministry Spokesperson Lin Jian told a media briefing here.\n" +
				"Foreign Office spokesperson Tahir Andrabi termed reports of a rift between the two capitals as unnecessary speculation.\n",
			[]wantClaim{
				{"Foreign Ministry Spokesperson Lin Jian", "", "", false, "China welcomes the ceasefire"},
				{"Foreign Office spokesperson Tahir Andrabi", "tahir-andrabi", "pk-mofa", false, "reports of a rift"}},
		},
		{"a date alone near the top ends the headline matter, a caption closed by its agency is no text; 'According to a readout …, where …' is an adverbial",
			"Türkiye welcomes the ceasefire\n" +
				"Burhanettin Duran says ceasefire, brokered with Türkiye and Qatar’s mediation, vital for regional peace.\n" +
				"Duran calls the truce a valuable step for regional peace and stability. / AA\n" +
				"October 19, 2025\n" +
				"According to an official readout of his comments on a return flight from Baku, where he met the prime minister, Recep Tayyip Erdogan said the visit aims to seal a permanent ceasefire.\n" +
				"According to an official readout released on Sunday from the president’s remarks aboard his flight, where he met the prime minister.\n" +
				"In a post on social media, Duran described the truce—reached through the mediation of the two states—as “a highly valuable step” towards peace.\n" +
				"The comments followed the conclusion of the third round of talks in Istanbul.\n",
			[]wantClaim{
				{"Recep Tayyip Erdogan", "recep-tayyip-erdogan", "tr", false, "visit aims to seal"},
				{"Duran", "", "", false, "the truce—reached through"}},
		},
		{"'he' with nobody speaking before is the one listed person named; channels are outlets; 'responded that'; a name alone that met someone is 'he'",
			lead + "Earlier, Pakistan's Defence Minister Khawaja Asif had issued a stern warning to the administration in Kabul, while he stated that Pakistan would take strong action against the hideouts.\n" +
				"Pakistani channels claimed that the strikes targeted the hideouts of the group near the capital.\n" +
				"Pakistan sought a written commitment from Kabul, but the Taliban responded that it cannot be expected to guarantee security in Pakistan.\n" +
				"On Wednesday, Wang met with the prime minister in Kabul. He said China supports Afghanistan in upholding its independence.\n",
			[]wantClaim{
				{"Khawaja Asif", "khawaja-asif", "pk", false, "would take strong action"},
				{"Taliban", "af-taliban", "", false, "cannot be expected to guarantee"},
				{"Wang", "", "", false, "China supports Afghanistan"}},
		},
		{"the lines before a dateline are headline matter but for bullets; 'the statement further said' closes a sentence whose subject has a verb; a link written as a headline inside the article",
			"Pakistan says Afghan Taliban backing militants\n" +
				"Pakistan says the Afghan Taliban is fully backing militants behind recent attacks, with the minister calling the regime illegitimate.\n" +
				"• 29 soldiers injured in the skirmishes along the frontier: ISPR\n" +
				"ISLAMABAD (Dunya News) – Security forces killed 16 terrorists trying to cross the border, the military’s media wing said on Sunday.\n" +
				"“Own troops effectively engaged and thwarted their attempt to infiltrate. After an intense exchange of fire, all sixteen were killed,” the ISPR said.\n" +
				"Security forces kill three terrorists in Khyber district operation: ISPR\n" +
				"Pakistan has consistently urged the interim Afghan government to ensure effective border management, the statement further said.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "29 soldiers injured"},
				{"military’s media wing", "ispr", "pk", false, "killed 16 terrorists"},
				{"ISPR", "ispr", "pk", true, "Own troops effectively engaged"},
				{"ISPR", "ispr", "pk", false, "Pakistan has consistently urged"}},
		},
		{"police ranks before a surname and 'the police officer' are the officer named in full; media reports 'on' something and a Post are outlets; 'observed' a day is no saying",
			lead + "Earlier, Noshki Station House Officer (SHO) Zafarullah Sumalani had said that five personnel were killed in the explosion.\n" +
				"According to SHO Sumalani, evidence from the site suggested that a vehicle had been rammed into the convoy.\n" +
				"The injured were being shifted to the teaching hospital in the town, the police officer added.\n" +
				"Local media reports on the Saturday attack said gunfire targeted police installations in several towns.\n" +
				"This scale of violence has not been seen in recent months in the region, The Balochistan Post reported.\n" +
				"The attack came days after Pakistan observed Youm-e-Tashakkur to commemorate national resilience.\n",
			[]wantClaim{
				{"Noshki Station House Officer (SHO) Zafarullah Sumalani", "", "", false, "five personnel were killed"},
				{"Noshki Station House Officer (SHO) Zafarullah Sumalani", "", "", false, "evidence from the site"},
				{"Noshki Station House Officer (SHO) Zafarullah Sumalani", "", "", false, "injured were being shifted"}},
		},
		{"'the group' after an opening clause is the one armed group named; a condemnation of an attack 'carried out by' a group says nothing",
			lead + "The violence followed a statement issued earlier in the day by the Baloch Liberation Army (BLA), a separatist group.\n" +
				"In messages circulated to reporters, the group said the campaign was aimed at protecting the motherland.\n" +
				"The chief minister strongly condemned the deadly vehicle-borne suicide attack in Quetta, carried out by the militant group, which killed six people.\n",
			[]wantClaim{{"Baloch Liberation Army", "bla", "", false, "campaign was aimed"}},
		},
		{"'the Pakistani envoy' is the ambassador named before; 'the Afghan leader' a listed person of that state; 'According to the ministry, Lavrov said'; a name with a long office",
			lead + "Responding, Pakistan’s Permanent Representative, Ambassador Asim Iftikhar Ahmad, said he was compelled to take the floor again.\n" +
				"“The value and credibility of his remarks are in serious doubt,” the Pakistani envoy said.\n" +
				"Afghan Foreign Minister Amir Khan Muttaqi on Saturday visited the seminary in the north of the country.\n" +
				"“I am thankful for such a grand welcome and the affection shown by the people here,” the Afghan leader told reporters.\n" +
				"According to the Russian ministry, Lavrov said that the government in Kabul is working towards stability.\n" +
				"Different trends are vying for influence within the authorities, reported Roza Otunbayeva, Special Representative of the Secretary-General for Afghanistan and Head of the United Nations Assistance Mission in Afghanistan (UNAMA).\n",
			[]wantClaim{
				{"Ambassador Asim Iftikhar Ahmad", "", "", false, "compelled to take the floor"},
				{"Ambassador Asim Iftikhar Ahmad", "", "", true, "value and credibility"},
				{"Afghan Foreign Minister Amir Khan Muttaqi", "amir-khan-muttaqi", "af-taliban", true, "thankful for such a grand welcome"},
				{"Lavrov", "", "", false, "working towards stability"},
				{"Roza Otunbayeva, Special Representative of the Secretary-General for Afghanistan and Head of the United Nations Assistance Mission in Afghanistan (UNAMA)", "", "unama", false, "Different trends are vying"}},
		},
		{"an office named first is the person a claim soon after names with that office",
			lead + "China welcomes the recent upgrade of relations between the two neighbours, a Chinese foreign ministry spokesperson said on Wednesday.\n" +
				"Spokesperson Lin Jian made the remarks at a regular press briefing, adding that China stands ready to keep playing a constructive role.\n",
			[]wantClaim{
				{"Spokesperson Lin Jian", "", "", false, "China welcomes the recent upgrade"},
				{"Spokesperson Lin Jian", "", "", false, "China stands ready"}},
		},
		{"a bulletin's run-on stops at 'there was no immediate confirmation' and 'the clashes followed'; a parenthetical 'they added' after a subject; a media report is no verb; a denial of allegations (LABELLING.md lists 'denied'); the clause after 'as'; nobody and each side say nothing",
			lead + "“During this period, both sides will make sincere efforts to find a solution through dialogue,” the FO said. There was no immediate confirmation from the Afghan government.\n" +
				"Security sources said that strikes targeted the command centres of the group. The Pakistan Army, they added, has the full capability to respond to any act of aggression.\n" +
				"The ceasefire follows the Pakistan Army, according to local media report, carrying out precision strikes on positions in the south.\n" +
				"- Pakistan accuses Kabul of harbouring militants; Taliban rejects the allegations.\n" +
				"- Tensions escalate as Islamabad warns it will take all necessary measures to protect its citizens.\n" +
				"Neither Islamabad nor Kabul has confirmed the date or agenda for the proposed talks.\n" +
				"Each side blamed the other for triggering the clash in violation of the ceasefire.\n" +
				"The ISPR said five soldiers were killed in the exchange. The clashes followed reports of three explosions in the capital on Thursday.\n",
			[]wantClaim{
				{"FO", "pk-mofa", "pk", true, "sincere efforts"},
				{"Security sources", "", "", false, "strikes targeted the command centres"},
				{"Security sources", "", "", false, "The Pakistan Army has the full capability"},
				{"Pakistan", "pk", "", false, "Kabul of harbouring militants"},
				{"Taliban", "af-taliban", "", false, "the allegations"},
				{"Islamabad", "pk", "", false, "take all necessary measures"},
				{"ISPR", "ispr", "pk", false, "five soldiers were killed"}},
		},
		{"a paragraph holding a later one whole is the page's summary; 'Sharif' is the Sharif named in full; the armed forces; a spelling of Khwarazmi",
			lead + "The latest round of talks in Istanbul ended without progress and the delegation returned home. Defence Minister Khawaja Asif confirmed that the dialogue had concluded with no plans for another round.\n" +
				"The latest round of talks in Istanbul ended without progress and the delegation returned home.\n" +
				"Defence Minister Khawaja Asif confirmed that the dialogue had concluded with no plans for another round.\n" +
				"Pakistani Prime Minister Shehbaz Sharif expressed deep concern over the provocations along the border.\n" +
				"Sharif reaffirmed that the country's sovereignty would be defended at all costs.\n" +
				"The Pakistan Armed Forces said that 23 of its soldiers had been killed in the clashes.\n" +
				"Defence ministry spokesman Enayat Khowarazm said the operations concluded at midnight.\n",
			[]wantClaim{
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "dialogue had concluded"},
				{"Sharif", "shehbaz-sharif", "pk", false, "sovereignty would be defended"},
				{"Pakistan Armed Forces", "pk-army", "pk", false, "23 of its soldiers"},
				{"Defence ministry spokesman Enayat Khowarazm", "enayatullah-khwarazmi", "af-mod", false, "operations concluded at midnight"}},
		},
		{"a feeling says nothing, the participle after it does; who felt it is whom 'he' means; the subject of the clause after 'days after'",
			lead + "Richard Bennett, the UN Special Rapporteur for human rights in Afghanistan, said he was “dismayed” by fresh reports of air strikes.\n" +
				"“I urge parties to de-escalate and exercise maximum restraint,” he said in a post.\n" +
				"Former chamber president Zahid Shinwari expressed concern over the situation, saying that traders were losing millions every day.\n" +
				"UNHCR said it was deeply concerned about the implications, warning that forced returns could breach the principle of non-refoulement.\n" +
				"Manzoor Pashteen criticised the government in a speech on Sunday. Pashteen’s comments came days after he expressed concern over the killing of seven labourers, stressing that the victims had no link to any armed conflict.\n",
			[]wantClaim{
				{"Richard Bennett, the UN Special Rapporteur for human rights in Afghanistan", "", "", true, "urge parties to de-escalate"},
				{"Former chamber president Zahid Shinwari", "", "", false, "traders were losing millions"},
				{"UNHCR", "", "", false, "forced returns could breach"},
				{"Manzoor Pashteen", "", "", false, "victims had no link"}},
		},
		{"'announced on the social media platform X' closes; 'Defense Minister' is the defence minister named before; 'the ceasefire took effect' ends a run-on; 'though neither … nor' confirmed nothing",
			lead + "The dialogue in Istanbul to salvage a peace deal has failed, Information Minister Attaullah Tarar announced on the social media platform X late on Tuesday.\n" +
				"Pakistan’s Defence Minister, Khawaja Muhammad Asif, met the mediators in Doha.\n" +
				"Pakistan’s Defense Minister declared that the chain of terrorism into Pakistan would stop immediately.\n" +
				"The ISPR said the truce had been agreed at the request of Kabul. The ceasefire took effect at 1:00 p.m.\n" +
				"According to local media, the strike may have killed three commanders, though neither Islamabad nor Kabul has officially confirmed the reports.\n",
			[]wantClaim{
				{"Information Minister Attaullah Tarar", "attaullah-tarar", "pk", false, "dialogue in Istanbul"},
				{"Pakistan’s Defense Minister", "khawaja-asif", "pk", false, "chain of terrorism"},
				{"ISPR", "ispr", "pk", false, "truce had been agreed"}},
		},
		{"'it' is the party or state that spoke last, or whose side did; not after a statement nobody could be named for",
			lead + "Qatar also expressed the hope that the step will contribute to ending tensions on the border.\n" +
				"“We welcome that the two countries agreed to a ceasefire in Doha,” the statement said.\n" +
				"It added that it will continue to support the efforts for lasting peace.\n" +
				"The Taliban government has confirmed that it attacked troops in several locations on the border.\n" +
				"A Taliban spokesman said 58 soldiers had been killed. It claimed the other side had violated its airspace on Thursday.\n",
			[]wantClaim{
				{"Qatar", "qa", "", false, "step will contribute"},
				{"Taliban government", "af-taliban", "", false, "attacked troops"},
				{"A Taliban spokesman", "", "af-taliban", false, "58 soldiers had been killed"},
				{"Taliban government", "af-taliban", "", false, "violated its airspace"}},
		},
		{"a delegate is a person whom 'he' means; a surname opening a sentence is the person the text named in full with an office before",
			lead + "A Taliban delegate said the discussions were still in progress. “Overall, the meeting is going well and we discussed many issues,” he said.\n" +
				"Officials met again on Monday, as US President Donald Trump repeated an offer to mediate.\n" +
				"Trump repeated the offer in a speech. “I’ll get that solved very quickly, I know them both,” he said.\n",
			[]wantClaim{
				{"A Taliban delegate", "", "af-taliban", false, "discussions were still in progress"},
				{"A Taliban delegate", "", "af-taliban", true, "meeting is going well"},
				{"US President Donald Trump", "", "", true, "solved very quickly"}},
		},
		{"an office written without the name is the one person the text named with it",
			lead + "Defence Minister Khawaja Asif has rejected the allegations by acting Afghanistan Deputy Foreign Minister Stanikzai.\n" +
				"The Afghan acting deputy foreign minister in a statement earlier this week claimed that militants train across the border.\n",
			[]wantClaim{
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "allegations by acting"},
				{"acting Afghanistan Deputy Foreign Minister Stanikzai", "", "af", false, "militants train across the border"}},
		},
		{"'Minister Information' is the information minister named before; 'Without naming anyone, the military spokesperson …, saying'; 'The Afghan Foreign Minister …, stating'; 'The two nations' say nothing alone",
			lead + "Attaullah Tarar said investigators found that the attack was organised across the border.\n" +
				"Minister Information said the suspect had joined the group in 2015 and was trained at several camps.\n" +
				"Lt Gen Ahmed Sharif Chaudhry addressed a press conference in Peshawar on Friday.\n" +
				"Without naming anyone, the military spokesperson appeared to refer to a former chief minister, saying that the province cannot be left to the whims of one person.\n" +
				"Foreign Minister Amir Khan Muttaqi arrived in New Delhi on Thursday.\n" +
				"The Afghan Foreign Minister also stressed the country's territorial integrity, stating that no inch of its land is captured by anyone.\n" +
				"The two nations also emphasised respect for each other's sovereignty.\n",
			[]wantClaim{
				{"Attaullah Tarar", "attaullah-tarar", "pk", false, "attack was organised"},
				{"Attaullah Tarar", "attaullah-tarar", "pk", false, "suspect had joined"},
				{"Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "whims of one person"},
				{"Afghan Foreign Minister", "amir-khan-muttaqi", "af-taliban", false, "no inch of its land"}},
		},
		{"'the military spokesperson' with no person named is the ISPR that spoke",
			lead + "According to a statement issued by the Inter-Services Public Relations (ISPR), the assault on the border post was foiled.\n" +
				"The military spokesperson said the attackers also tried to destroy the gate at the crossing.\n",
			[]wantClaim{
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "assault on the border post"},
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", false, "tried to destroy the gate"}},
		},
		{"a line that is only a name and an office, closed by a colon, is the speaker of the quotations under it",
			lead + "What he’s saying:\n" +
				"Esmaeil Baghaei, Foreign Ministry Spokesman:\n" +
				"“We welcome the ceasefire between the two countries and emphasize the necessity of immediate dialogue.”\n",
			[]wantClaim{{"Esmaeil Baghaei, Foreign Ministry Spokesman", "", "", true, "We welcome the ceasefire"}},
		},
		{"'the Secretary-General' is the one holder of that office the text named",
			lead + "NEW YORK (WAM) -- UN Secretary-General António Guterres welcomed the announcement of a temporary ceasefire, expressing concern over reports of recent armed clashes.\n" +
				"In a statement issued by his spokesperson, the Secretary-General urged both parties to agree on a permanent cessation of hostilities.\n",
			[]wantClaim{{"UN Secretary-General António Guterres", "", "", false, "both parties to agree"}},
		},
		{"'It' is the party that spoke last, however written; the Taliban's Defence Ministry; a 'Read more' glued to its headline; a site's name is an outlet; a ceasefire declared is no speaker",
			lead + "Pakistan's military said 23 soldiers were killed in the clashes on Saturday night.\n" +
				"Taliban said their forces killed 58 soldiers at the border. It also said that 20 Afghan troops were killed or injured.\n" +
				"The Taliban government’s Defence Ministry said early Sunday its forces had conducted retaliatory operations along the border.\n" +
				"Read moreKabul blames Pakistan for renewed air strikes that kill at least 10\n" +
				"According to Caliber.Az, the talks were set to resume in Istanbul.\n" +
				"A 48-hour ceasefire declared on Oct. 15 was later extended until the conclusion of talks.\n",
			[]wantClaim{
				{"Pakistan's military", "pk-army", "pk", false, "23 soldiers were killed"},
				{"Taliban", "af-taliban", "", false, "killed 58 soldiers"},
				{"Taliban", "af-taliban", "", false, "20 Afghan troops"},
				{"Taliban government’s Defence Ministry", "af-mod", "af-taliban", false, "retaliatory operations"}},
		},
		{"'report' before 'said' is a noun, and a body's report speaks for it",
			lead + "A new UNHCR report said that most arrests were carried out in two districts of the province.\n",
			[]wantClaim{{"UNHCR", "", "", false, "most arrests were carried out"}},
		},
		{"a standfirst under the headline in the present of headlines ('…, says X.') is not drafted; the article tells it again",
			"Türkiye says truce talks will continue\n" +
				"Peace talks between the two neighbours will continue in Istanbul, says Türkiye's Foreign Ministry.\n" +
				"The talks will resume next week in Istanbul, Türkiye's Foreign Ministry said in a statement on Thursday.\n",
			[]wantClaim{{"Türkiye's Foreign Ministry", "tr-mofa", "tr", false, "talks will resume next week"}},
		},
		{"the Pakistan Army's public relations wing is the ISPR",
			lead + "Pakistan reserves the right to respond at any time to the attackers, the Pakistan Army’s public relations wing said.\n",
			[]wantClaim{{"Pakistan Army’s public relations wing", "ispr", "pk", false, "reserves the right"}},
		},
		{"'the Pakistani source' is the source of that side named before",
			lead + "The talks are expected to resume in Istanbul, a Pakistani security source told AFP.\n" +
				"Officials in Kabul rejected these conditions on Monday. The Pakistani source emphasised that Islamabad would take part in the new round in good faith.\n",
			[]wantClaim{
				{"a Pakistani security source", "", "pk", false, "expected to resume"},
				{"Officials in Kabul", "", "", false, "these conditions"},
				{"a Pakistani security source", "", "pk", false, "take part in the new round"}},
		},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

// TestSpeakerFormsTenthPass: forms of the tenth pass's unseen press
// (bench/README.md), each failing on the code before it (a67a092).
func TestSpeakerFormsTenthPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []wantClaim
	}{
		{"a date with an ordinal between the speaker and the verb is no speaker",
			lead + "Mujahid, on Monday, March 18th, said in a statement that Pakistani aircraft bombed houses in Paktika province.\n",
			[]wantClaim{{"Mujahid", "zabihullah-mujahid", "af-taliban", false, "aircraft bombed houses"}},
		},
		{"a vow to retaliate says nothing; information an outlet obtained is no speaker",
			lead + "According to the information obtained by the Republic, the strikes were conducted in the Paktika, Kunar and Khost regions.\n" +
				"The Taliban, however, has vowed to retaliate against the assault.\n",
			nil,
		},
		{"a body's bulletin does not run on into background: what an incident came after, a crossing's description, a spokesman who gave no details",
			lead + "The ISPR said that Afghan troops opened fire on the outbound gate and killed two civilians.\n" +
				"The incident on October 4th came a day after the caretaker government gave an ultimatum to all undocumented immigrants.\n" +
				"On September 11, the Pakistan Foreign Office stated that Islamabad cannot accept the construction of any structures inside its territory.\n" +
				"The Torkham border is the busiest crossing point for trade and people between the two nations.\n" +
				"Comments from the Taliban Defence Ministry on Saturday said its forces targeted Pakistani points. The ministry spokesman, Enayatullah Khwarzami, gave no further information about the strikes.\n",
			[]wantClaim{
				{"ISPR", "ispr", "pk", false, "Afghan troops opened fire"},
				{"Pakistan Foreign Office", "pk-mofa", "pk", false, "cannot accept the construction"},
				{"Taliban Defence Ministry", "af-mod", "af-taliban", false, "its forces targeted"}},
		},
		{"a condemnation of 'a' terrorist attack says nothing; 'the PM' is the prime minister named in full with an alias",
			lead + "Prime Minister Shehbaz Sharif has condemned a terrorist attack on security personnel, which claimed lives of sixteen soldiers in general area Makeen, Dunya News reported.\n" +
				"The PM paid great tribute to the martyred soldiers.\n" +
				"“Our brave soldiers responded to the cowardly attack of the perpetrators,” the PM said.\n",
			[]wantClaim{{"Prime Minister Shehbaz Sharif", "shehbaz-sharif", "pk", true, "Our brave soldiers"}},
		},
		{"a double surname is another person's; an office in lower case and a name the lists do not know are 'he' next",
			lead + "In a statement on X, former foreign minister Bilawal Bhutto-Zardari condemned the attack. “The miscreants of the Bisham incident cannot escape punishment,” he added.\n",
			[]wantClaim{{"former foreign minister Bilawal Bhutto-Zardari", "", "", true, "cannot escape punishment"}},
		},
		{"a press release 'today from' a body; 'said tonight and promised': what precedes the attribution is said",
			lead + "A press release today from the Inter-Services Public Relations (ISPR) said: “An Afghan national involved in terrorism was killed during an operation in North Waziristan.”\n" +
				"The bomb attack on the engineers was carried out by elements in the government, the Tehreek-e-Taliban Pakistan (TTP) said tonight and promised to come out with evidence soon.\n",
			[]wantClaim{
				{"Inter-Services Public Relations (ISPR)", "ispr", "pk", true, "Afghan national involved"},
				{"Tehreek-e-Taliban Pakistan (TTP)", "ttp", "", false, "carried out by elements"}},
		},
		{"sentences glued without a space ('Muttaqi.The Taliban'); a named speaker's own 'that' clause inside another's report is theirs",
			lead + "India’s ministry said Misri met with Muttaqi.The Taliban said in a post-meeting announcement that the two sides reviewed the security situation.\n" +
				"The Taliban stated that Muttaqi assured the Indian delegation that his government is pursuing a balanced foreign policy.\n",
			[]wantClaim{
				{"India’s ministry", "", "", false, "Misri met with Muttaqi"},
				{"Taliban", "af-taliban", "", false, "two sides reviewed"},
				{"Muttaqi", "amir-khan-muttaqi", "af-taliban", false, "his government is pursuing"}},
		},
		{"'According to the Afghan statement, Wang described …' is Wang's; 'said the Indian statement' after the Taliban's is not theirs",
			lead + "The Taliban said that the two sides reviewed the security situation in the region.\n" +
				"“In view of the current need for development activities, it was decided that India would consider new projects,” said the Indian statement.It added that New Delhi also agreed to provide material assistance to the health sector.\n" +
				"According to the Afghan statement, Wang described ties with Kabul as “progressing and considered the expansion of cooperation noteworthy.”\n",
			[]wantClaim{
				{"Taliban", "af-taliban", "", false, "two sides reviewed"},
				{"Indian", "", "", true, "India would consider"},
				{"Wang", "", "", false, "ties with Kabul"}},
		},
		{"a quotation after 'posted on his official X handle,'; 'His post added' is his; 'according to an official statement' is the reviewer's to name",
			lead + "China's President has accepted the letter of credence of the Afghan ambassador, according to an official statement.\n" +
				"Abdul Qahar Balkhi, spokesperson for the Ministry of Foreign Affairs, posted on his official X handle, \"The President of China accepted the letter of credence of the ambassador.\"\n" +
				"His post added, \"Accepting the letter of credence, President Xi welcomed him as the Ambassador to China.\"\n",
			[]wantClaim{
				{"Abdul Qahar Balkhi, spokesperson for the Ministry of Foreign Affairs", "abdul-qahar-balkhi", "af-mofa", true, "President of China accepted"},
				{"Abdul Qahar Balkhi, spokesperson for the Ministry of Foreign Affairs", "abdul-qahar-balkhi", "af-mofa", true, "President Xi welcomed him"}},
		},
		{"a long name and office before 'stated:' keep their first word; 'According to them' is the officials who spoke; a person named with 'who' is 'he' next",
			lead + "Local officials in Nangarhar province say that Pakistan has deported nearly 700 Afghan families through the crossing. According to them, more than 250 families were forcibly returned to Afghanistan just today.\n" +
				"Baz Mohammad Abdul Rahman, head of the Department of Refugees and Repatriation in Nangarhar, stated: “So far, 675 families have returned, including 254 families who arrived today.”\n" +
				"Mohammad Yousaf, who had lived in the Faisalabad area for 32 years, was forcibly deported to Afghanistan.\n" +
				"He said: “My father is still in prison, and we have no idea where he is.”\n",
			[]wantClaim{
				{"Local officials in Nangarhar province", "", "", false, "deported nearly 700"},
				{"Local officials in Nangarhar province", "", "", false, "more than 250 families"},
				{"Baz Mohammad Abdul Rahman, head of the Department of Refugees and Repatriation in Nangarhar", "", "", true, "675 families"},
				{"Mohammad Yousaf", "", "", true, "My father is still in prison"}},
		},
		{"'On a related note' is no verb; 'said in a recent press briefing that' says what follows; 'told AFP, with …' closes the statement; the UN migration agency is no news agency",
			lead + "On a related note, UN spokesperson Stephane Dujarric said in a recent press briefing that the return of migrants from Iran has placed enormous pressure on Afghanistan, Tolo News reported.\n" +
				"From June 1-28, 233,941 people returned from Iran to Afghanistan, migration agency spokesman Avand Azeez Agha told AFP, with 131,912 returns recorded in the last week alone.\n" +
				"More than 230,000 Afghans left Iran in June, most of them deported, the United Nations migration agency said on Monday.\n",
			[]wantClaim{
				{"UN spokesperson Stephane Dujarric", "", "", false, "the return of migrants"},
				{"migration agency spokesman Avand Azeez Agha", "", "", false, "233,941 people returned"},
				{"United Nations migration agency", "", "", false, "230,000 Afghans left"}},
		},
		{"'the head of the delegation' and 'the chief delegate' are the person named as head of the delegation",
			lead + "The head of the Russian delegation, Presidential Aide Vladimir Medinsky, said that Russia had handed a two-part memorandum to the other side.\n" +
				"The head of the delegation noted that Russia had made a specific proposal for a ceasefire on certain sections of the front.\n" +
				"According to the chief delegate, Russia will consider each and every case on the list of children.\n",
			[]wantClaim{
				{"head of the Russian delegation, Presidential Aide Vladimir Medinsky", "", "", false, "two-part memorandum"},
				{"head of the Russian delegation, Presidential Aide Vladimir Medinsky", "", "", false, "specific proposal"},
				{"head of the Russian delegation, Presidential Aide Vladimir Medinsky", "", "", false, "each and every case"}},
		},
		{"a surname after clauses of time and occasion is the person named in full before, and 'he' next; 'requested X to' asks something",
			lead + "Vladimir Medinsky, an aide to the Russian President, and Rustem Umerov, Secretary of the National Security and Defence Council, held talks on Wednesday.\n" +
				"After the talks concluded, Umerov said in a press conference, “We are now ready for a ceasefire and to begin more substantial peace talks.”\n" +
				"Meanwhile, in a separate press conference after the talks, Medinsky also provided important information. He stated that Russia and Ukraine had agreed on an exchange of prisoners of war. He requested Ukraine to return any number of deceased soldiers.\n",
			[]wantClaim{
				{"Umerov", "", "", true, "ready for a ceasefire"},
				{"Vladimir Medinsky", "", "", false, "agreed on an exchange"},
				{"Vladimir Medinsky", "", "", false, "Ukraine to return"}},
		},
		{"an office ending in 'Minister' and an initial and surname; a quotation after 'posted on X saying,'; 'he further wrote' is that minister; an occasion between commas before the verb",
			lead + "Following the announcement, External Affairs Minister S Jaishankar posted on X saying, \"India and Pakistan have today worked out an understanding on stoppage of firing\".\n" +
				"\"India has consistently maintained a firm and uncompromising stance against terrorism,\" he further wrote.\n" +
				"President Trump, in his post, had claimed credit for stitching together the ceasefire.\n",
			[]wantClaim{
				{"External Affairs Minister S Jaishankar", "", "", true, "worked out an understanding"},
				{"External Affairs Minister S Jaishankar", "", "", true, "uncompromising stance"},
				{"President Trump", "", "", false, "credit for stitching"}},
		},
		{"'The Pakistani minister' is the minister of that side named before; a condemnation with condolences says nothing; the outlet's guess ('apparently referred to') is no statement",
			lead + "Mohsin Naqvi, while addressing a press conference in Islamabad, claimed that the operation was carried out from across the border.\n" +
				"The Pakistani minister said the suicide bomber had been identified as a foreign national.\n" +
				"Former foreign minister Bilawal Bhutto-Zardari condemned the attack and condoled the deaths of the engineers.\n" +
				"The ISPR said that security forces killed three terrorists in North Waziristan. The statement apparently referred to an intelligence-based operation earlier in the week.\n",
			[]wantClaim{
				{"Mohsin Naqvi", "mohsin-naqvi", "pk", false, "carried out from across"},
				{"Mohsin Naqvi", "mohsin-naqvi", "pk", false, "identified as a foreign national"},
				{"ISPR", "ispr", "pk", false, "killed three terrorists"}},
		},
		{"a group with an appositive of whom it belongs to; 'the militant group' is the group the lists do not know that spoke last",
			lead + "The Jayesh Fursan Muhammad group, affiliated with the Hafiz Gul Bahadar network, claimed responsibility for the attack. According to sources, the group often receives support from the banned Tehreek-e-Taliban Pakistan (TTP).\n" +
				"The militant group claimed in a statement that 14 suicide attackers had infiltrated the cantonment.\n",
			[]wantClaim{
				{"Jayesh Fursan Muhammad group", "", "", false, "responsibility for the attack"},
				{"sources", "", "", false, "often receives support"},
				{"Jayesh Fursan Muhammad group", "", "", false, "14 suicide attackers"}},
		},
		{"'the ministry said Kabir expressed hope that …' is Kabir's hope, a person the lists do not know",
			lead + "Mawlawi Abdul Kabir, the acting minister of refugees, met the envoys in Kabul.\n" +
				"In a post on X, the Afghan ministry said Kabir expressed hope that the host countries will exercise patience toward refugees.\n",
			[]wantClaim{{"Mawlawi Abdul Kabir, the acting minister of refugees", "", "", false, "host countries will exercise"}},
		},
		{"a surname closing the sentence says it all, a UN agency's estimate inside it included",
			lead + "Arafat Jamal, the UNHCR representative in Afghanistan, said that returns had doubled this year.\n" +
				"The UN refugee agency now estimates that as many as three million people could return to Afghanistan by the end of the year, Jamal said.\n",
			[]wantClaim{
				{"Arafat Jamal, the UNHCR representative in Afghanistan", "", "", false, "returns had doubled"},
				{"Arafat Jamal, the UNHCR representative in Afghanistan", "", "", false, "UN refugee agency now estimates"}},
		},
		{"'a UN refugee official' is the UNHCR representative named after; 'warning that' adds to what precedes the attribution",
			lead + "Three million Afghans could return to their homeland this year, a UN refugee official said on Friday, warning that the scale of repatriation is placing immense strain on the country.\n" +
				"“What we are witnessing is the undignified, chaotic and large-scale exodus of Afghans,” said Arafat Jamal, the UNHCR representative in Afghanistan.\n",
			[]wantClaim{
				{"Arafat Jamal, the UNHCR representative in Afghanistan", "", "", false, "Three million Afghans"},
				{"Arafat Jamal, the UNHCR representative in Afghanistan", "", "", false, "scale of repatriation"},
				{"Arafat Jamal, the UNHCR representative in Afghanistan", "", "", true, "undignified, chaotic"}},
		},
		{"an inverted attribution ends at 'a day after'; 'the UNHCR official' is the person named with an office of that body; an AFP journalist is the outlet; the outlet's gloss after the attribution is not said; government figures are numbers",
			lead + "“All of us at the United Nations are suffering from a reinforcement of the ban on females working with us,” said Arafat Jamal, UN refugee agency (UNHCR) Representative to Afghanistan, a day after agencies warned that the measures have impacted assistance for hundreds of thousands of people.\n" +
				"The registration process involves providing biometric data, work that would be impossible without female workers, the UNHCR official stressed.\n" +
				"Temporary shelters had not yet reached the Mazar Dara area of Kunar province, an AFP journalist said, with roads still blocked.\n" +
				"The number of victims has mounted steadily, with 1,411 people dead in Kunar alone, chief Taliban government spokesman Zabihullah Mujahid said on Tuesday, making it one of the deadliest to hit the country in decades.\n" +
				"According to the latest government figures, the earthquake claimed 2,205 lives across three provinces.\n",
			[]wantClaim{
				{"Arafat Jamal, UN refugee agency (UNHCR) Representative to Afghanistan", "", "", true, "suffering from a reinforcement"},
				{"Arafat Jamal, UN refugee agency (UNHCR) Representative to Afghanistan", "", "", false, "biometric data"},
				{"chief Taliban government spokesman Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "victims has mounted"}},
		},
		{"an aside between em dashes without spaces; 'Yaqoob Mujahid' is the defence minister; 'these sources' are the sources that spoke",
			lead + "Earlier, Ishaq Dar—who also serves as Pakistan’s Deputy Prime Minister—told the Senate that he had received six calls in one day from Muttaqi.\n" +
				"Recently, Yaqoob Mujahid said in an interview with the BBC that Islamabad blames Afghanistan for the violence in Pakistan.\n" +
				"Sources familiar with the matter told TOLOnews that the Pakistani delegation walked away from the table. According to these sources, the talks broke down due to disagreements over several final clauses.\n",
			[]wantClaim{
				{"Ishaq Dar", "ishaq-dar", "pk", false, "six calls"},
				{"Yaqoob Mujahid", "mohammad-yaqoob", "af-taliban", false, "Islamabad blames Afghanistan"},
				{"Sources familiar with the matter", "", "", false, "walked away"},
				{"Sources familiar with the matter", "", "", false, "talks broke down"}},
		},
		{"an appositive's closing comma before the verb is no inverted attribution; a vow 'on Tuesday to respond'; 'told AFP on Oct. 30, after …' closes the statement; a wire's credit line and 'not possible to verify' end a bulletin",
			lead + "There was no immediate comment from Pakistan. However, Abdul Jabbar Hikmat, the commissioner on the Afghan side of the border, confirmed the closure by Pakistan.\n" +
				"Afghanistan's Taliban government vowed on Tuesday to \"respond appropriately\" to deadly overnight air strikes.\n" +
				"Pakistan and Afghanistan will likely hold another round of peace talks in Istanbul, a Pakistani security source told AFP on Oct. 30, after Islamabad's announcement that previous negotiations had failed.\n" +
				"Pakistan’s army said Sunday it had killed 25 militants while repelling two major infiltration attempts along the border. It was not possible to verify the casualty figures as the area is remote.\n" +
				"Trade between the countries was worth over $1.6 billion in 2024, according to Pakistan's foreign office.\n" +
				"(Reporting by Mushtaq Ali in Peshawar; writing by Asif Shahzad; Editing by Bernadette Baum)\n",
			[]wantClaim{
				{"Abdul Jabbar Hikmat, the commissioner on the Afghan side of the border", "", "", false, "closure by Pakistan"},
				{"a Pakistani security source", "", "pk", false, "likely hold another round"},
				{"Pakistan’s army", "pk-army", "pk", false, "killed 25 militants"},
				{"Pakistan's foreign office", "pk-mofa", "pk", false, "$1.6 billion"}},
		},
		{"'the spokesman' after the DG ISPR spoke is he; a participle after a possessive is an adjective",
			lead + "Lieutenant General Ahmed Sharif Chaudhry said that the allegation of allowing drone attacks was false.\n" +
				"The DG ISPR told journalists that Pakistan had killed numerous cross-border terrorists.\n" +
				"The spokesman said counter-narcotics activity formed a key part of the campaign.\n" +
				"The state has designated the groups as Fitna-al-Hindustan to highlight India’s alleged role in terrorism across the province.\n",
			[]wantClaim{
				{"Lieutenant General Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "allegation of allowing"},
				{"DG ISPR", "ahmed-sharif-chaudhry", "ispr", false, "killed numerous"},
				{"Lieutenant General Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "counter-narcotics"}},
		},
		{"an acronym the text spelt out as a body's name is that body, named in full, and 'it' after it spoke",
			lead + "An emergency meeting of the National Security Committee (NSC) on Thursday discussed the situation.\n" +
				"The NSC noted it was a binding international agreement that lacked any provision for unilateral suspension. Declaring water a vital national interest, it vowed to safeguard its availability at all costs.\n" +
				"This, it said, would continue until the other side desists from its behaviour.\n",
			[]wantClaim{
				{"National Security Committee (NSC)", "", "", false, "binding international agreement"},
				{"National Security Committee (NSC)", "", "", false, "Declaring water"},
				{"National Security Committee (NSC)", "", "", false, "would continue until"}},
		},
		{"'said the statement' after a person the lists do not know spoke is theirs",
			lead + "In a post on X, the Afghan ministry said Kabir expressed hope that the host countries will exercise patience toward refugees.\n" +
				"“Islamic Emirate encourages Afghan refugees to return to the country,” said the statement.\n",
			[]wantClaim{
				{"Kabir", "", "", false, "host countries will exercise"},
				{"Kabir", "", "", true, "encourages Afghan refugees"}},
		},
		{"a title before a surname opening a sentence ('Dr. Salvador visited …') names the person named in full before, who is 'he' next",
			lead + "Dr. Edwin Ceniza Salvador, the WHO Representative in Afghanistan, visited the village with a UN delegation.\n" +
				"Dr. Salvador visited the health centre in the village. In meetings with elders, he emphasized the agency's commitment to maintaining health services for the population.\n",
			[]wantClaim{{"Edwin Ceniza Salvador", "", "", false, "agency's commitment"}},
		},
		{"'…, according to the World Food Programme (WFP), which warned …': the body says both",
			lead + "Fresh US cuts to food assistance risk worsening already widespread hunger in Afghanistan, according to the World Food Programme (WFP), which warned it can support just half the people in need.\n",
			[]wantClaim{
				{"World Food Programme (WFP)", "", "", false, "Fresh US cuts"},
				{"World Food Programme (WFP)", "", "", false, "just half the people"}},
		},
		{"'insisted on' an act and a threat say nothing, the according tail does; 'Earlier in the day Islamabad'; a city and the outlet before a colon; 'said early on Wednesday after …' closes the statement",
			lead + "The Pakistani side reached out to Afghanistan and insisted on a ceasefire, after which the temporary arrangement was agreed upon, according to the Taliban.\n" +
				"Earlier in the day Islamabad said it had killed dozens of Afghan security forces and militants in overnight operations.\n" +
				"Doha (Uttam Hindu News): Qatar's Foreign Ministry announced early Sunday that Pakistan and Afghanistan had agreed to an immediate ceasefire.\n" +
				"Pakistan agreed to resume talks in Istanbul, a day after the Defence Minister threatened to send Afghanistan back to caves.\n" +
				"Peace talks ended without a “workable solution”, information minister Attaullah Tarar said early on Wednesday after this month’s deadly clashes.\n",
			[]wantClaim{
				{"Taliban", "af-taliban", "", false, "insisted on a ceasefire"},
				{"Islamabad", "pk", "", false, "killed dozens"},
				{"Qatar's Foreign Ministry", "qa-mofa", "qa", false, "immediate ceasefire"},
				{"information minister Attaullah Tarar", "attaullah-tarar", "pk", false, "workable solution"}},
		},
		{"a bullet runs on into no other bullet; 'stated in a post on X:' says nothing itself; 'the spokesperson' is the one listed spokesperson named, when the body before is not the last speaker; 'responding to …' is no office",
			"- Foreign Office says talks require patience and confidentiality.\n" +
				"- Ceasefire holds, next round due on November 6.\n" +
				"ISLAMABAD: Pakistan has rejected a statement attributed to the Afghan Taliban spokesperson regarding the talks.\n" +
				"Rejecting the claim, the Ministry of Information & Broadcasting stated in a post on X:\n" +
				"“When the Afghan side said that they were Pakistani nationals, Pakistan immediately proposed that they be handed over.”\n" +
				"Pakistan also strongly rejected statements by the Taliban spokesperson Zabihullah Mujahid in an interview on Saturday.\n" +
				"The spokesperson had accused Pakistan of undermining ties and of conducting airstrikes on Afghan soil.\n" +
				"Pakistan Defense Minister Khawaja Asif, responding to Mujahid’s allegations, said that there was complete unanimity among Pakistanis.\n",
			[]wantClaim{
				{"Foreign Office", "pk-mofa", "pk", false, "talks require patience"},
				{"Pakistan", "pk", "", false, "statement attributed"},
				{"Ministry of Information & Broadcasting", "", "", true, "immediately proposed"},
				{"Pakistan", "pk", "", false, "statements by the Taliban spokesperson"},
				{"Zabihullah Mujahid", "zabihullah-mujahid", "af-taliban", false, "undermining ties"},
				{"Pakistan Defense Minister Khawaja Asif", "khawaja-asif", "pk", false, "complete unanimity"}},
		},
		{"a date, an office order and initial investigations are no speakers; a daily named after its country is an outlet; a strike announced is no statement",
			lead + "Transporters stranded on the road to the border, which remains closed since October 13, said they had run out of money.\n" +
				"As per Office Order 98 of 2025, the suspension was enforced to address the backlog of cargo at the terminals.\n" +
				"Initial investigations revealed that the bombers had been waiting for hours to carry out the attack.\n" +
				"Around 4,000 vehicles are waiting for the border to reopen, Pakistan's leading daily Dawn reported.\n" +
				"Traders in South Waziristan have announced a complete shutter-down strike and sit-in protest after the 10th of Muharram.\n",
			nil,
		},
		{"an audio message from a person is theirs; 'the clashes took place …' ends a bulletin; a possessive the page spaced apart",
			lead + "An audio message from Mehsud claimed that he was safe, denying reports of his death or disappearance.\n" +
				"Pakistan’s military said on Sunday that five soldiers and 25 militants were killed in fighting near the border.\n" +
				"The clashes took place on Friday and Saturday in Kurram and North Waziristan districts, areas along the frontier.\n" +
				"Qatar 's Foreign Ministry announced early Sunday that Pakistan and Afghanistan had agreed to an immediate ceasefire.\n",
			[]wantClaim{
				{"Mehsud", "", "", false, "he was safe"},
				{"Pakistan’s military", "pk-army", "pk", false, "five soldiers"},
				{"Qatar's Foreign Ministry", "qa-mofa", "qa", false, "immediate ceasefire"}},
		},
		{"'Recommended Stories' over 'list of 4 items' is a box of links inside the article, which goes on after it",
			lead + "Pakistan has launched air attacks inside Afghanistan, killing at least 10 people and breaking a ceasefire that had brought two days of calm, Afghan officials say.\n" +
				"The 48-hour truce paused nearly a week of bloody border clashes that killed dozens of soldiers and civilians on both sides of the border.\n" +
				"Recommended Stories\n" +
				"list of 4 itemsend of list\n" +
				"“Pakistan has broken the ceasefire and bombed three locations in Paktika” province late on Friday, a senior Taliban official told the AFP news agency.\n",
			[]wantClaim{
				{"Afghan officials", "", "af", false, "air attacks"},
				{"a senior Taliban official", "", "af-taliban", true, "broken the ceasefire"}},
		},
		{"'Officials said the banned TTP had claimed responsibility' is the group's claim; 'announced to' an act says nothing",
			lead + "Officials said the banned Tehreek-i-Taliban Pakistan (TTP) had claimed responsibility for the suicide attack.\n" +
				"After visiting the attack site, Naqvi had announced to identify the bomber before pointing fingers in any direction.\n",
			[]wantClaim{{"banned Tehreek-i-Taliban Pakistan (TTP)", "ttp", "", false, "responsibility for the suicide attack"}},
		},
		{"'the chief military spokesperson' before the DG ISPR is named is he",
			lead + "Stating that the Afghan Taliban were not the darling of Pakistan, the chief military spokesperson warned that any cross-border attack would end the existing ceasefire.\n" +
				"In an informal interaction with journalists on Monday, Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry said the recent clashes resulted in the death of 206 Afghan Taliban soldiers.\n",
			[]wantClaim{
				{"Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "end the existing ceasefire"},
				{"Director General of Inter-Services Public Relations (ISPR) Lt Gen Ahmed Sharif Chaudhry", "ahmed-sharif-chaudhry", "ispr", false, "recent clashes"}},
		},
		{"'officials believe that …' says something, as labellers of three sets of the tenth pass had it",
			lead + "Security officials in Pakistan believe that the organization largely consists of members from the banned group.\n",
			[]wantClaim{{"Security officials in Pakistan", "", "pk", false, "largely consists"}},
		},
		{"'A UN spokesperson' opening a sentence is the spokesperson named after",
			lead + "A UN spokesperson warned that restrictions on female staff imposed by the authorities were hindering aid delivery.\n" +
				"Stephane Dujarric, Spokesperson for the UN Secretary-General, said: “Those restrictions are putting at serious risk the essential humanitarian assistance.”\n",
			[]wantClaim{
				{"Stephane Dujarric, Spokesperson for the UN Secretary-General", "", "", false, "restrictions on female staff"},
				{"Stephane Dujarric, Spokesperson for the UN Secretary-General", "", "", true, "serious risk"}},
		},
		{"a body that told an outlet was interviewed, and the outlet's paragraph after it is not its bulletin",
			lead + "A senior district official and three others were killed on Tuesday when militants ambushed an official convoy, police told Anadolu Agency.\n" +
				"The attack targeted the vehicle of the assistant commissioner as it traveled through the area on the main road in the province.\n",
			[]wantClaim{{"police", "", "", false, "three others were killed"}},
		},
		{"a state's name in an institution's name does not make the institution speak for the state",
			lead + "The Pakistan Institute for Conflict and Security Studies said that civilian casualties from militant attacks have surged this year.\n",
			[]wantClaim{{"Pakistan Institute for Conflict and Security Studies", "", "", false, "civilian casualties"}},
		},
		{"'…,” the minister said while speaking on a TV channel, confirming that …': what the participle confirms is said too",
			lead + "“Right now, as we speak, negotiations are over,” Defence Minister Khawaja Asif said while speaking on a TV channel, confirming that the talks had stalled despite intense mediation efforts.\n",
			[]wantClaim{
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", true, "negotiations are over"},
				{"Defence Minister Khawaja Asif", "khawaja-asif", "pk", false, "talks had stalled"}},
		},
		{"an acronym whose initials are a body's name the text gave is that body, named in full",
			lead + "Earlier on Saturday, the Afghanistan Cricket Board said in a statement that three players were killed in the latest air strikes.\n" +
				"The ACB said in a post on social media that the cricketers were targeted during a gathering in Urgun district.\n",
			[]wantClaim{
				{"Afghanistan Cricket Board", "", "", false, "three players were killed"},
				{"Afghanistan Cricket Board (ACB)", "", "", false, "targeted during a gathering"}},
		},
		{"a title and a surname ('Mullah Baradar') are the person the lists do not know named in full before",
			lead + "Earlier on Wednesday, the deputy prime minister, Mullah Abdul Ghani Baradar, instructed traders to look for alternative trade routes.\n" +
				"According to Mullah Baradar, the decision came in response to the repeated closure of border crossings.\n",
			[]wantClaim{{"Mullah Abdul Ghani Baradar", "", "", false, "decision came in response"}},
		},
		{"'the DC' is the deputy commissioner named before, and with none named nobody",
			lead + "• DC confirms fighting between the forces has stopped\n" +
				"Chaman Deputy Commissioner Habibullah Bangulzai confirmed that fighting between the forces had stopped.\n" +
				"The DC said that the situation was under control and the markets had reopened.\n",
			[]wantClaim{
				{"Chaman Deputy Commissioner Habibullah Bangulzai", "", "", false, "fighting between the forces had stopped"},
				{"Chaman Deputy Commissioner Habibullah Bangulzai", "", "", false, "situation was under control"}},
		},
		{"a city's country after a comma is no speaker ('signed in Doha, Qatar, indicated')",
			lead + "The Declaration of Principles, signed on July 19 in Doha, Qatar, indicated that a permanent ceasefire must be respected by both parties.\n",
			nil,
		},
	} {
		checkClaims(t, tc.name, drafted(t, tc.doc), tc.want)
	}
}

// TestFigureOncePerSentence: two claims drafted from one sentence count its
// figures once (the tenth pass; on a67a092 each claim carried all three).
func TestFigureOncePerSentence(t *testing.T) {
	claims := drafted(t, lead+"RAWALPINDI: Pakistan’s armed forces repelled an unprovoked cross-border attack by the Afghan Taliban, killing at least 200 terrorists and inflicting heavy losses, while 23 Pakistani soldiers were martyred and 29 were wounded during the clashes, the Inter-Services Public Relations (ISPR) said in a statement on Sunday.\n")
	seen := map[int64]int{}
	for _, c := range claims {
		for _, f := range c.Figures {
			seen[f.Count]++
		}
	}
	for _, n := range []int64{200, 23, 29} {
		if seen[n] != 1 {
			t.Errorf("figure %d drafted %d times, want once: %+v", n, seen[n], claims)
		}
	}
}
