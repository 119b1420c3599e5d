// Package data holds reference data embedded into the truce binary.
package data

import _ "embed"

// Gazetteer is gazetteer.csv: the actors and places ingest tags in drafts.
// Columns: kind, id, name, aliases_en, aliases_ur, aliases_ps, lat, lon.
// Aliases are separated by "|"; lat and lon are empty for actors.
//
//go:embed gazetteer.csv
var Gazetteer []byte
