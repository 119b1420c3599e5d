package docs

import "embed"

// Schemas holds the JSON Schemas (draft 2020-12) of every record type's body:
// schema/<type>.json, each with $id https://truce.dev/schema/v1/<type>.json.
//
//go:embed schema/*.json
var Schemas embed.FS
