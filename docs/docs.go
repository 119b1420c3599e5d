// Package docs embeds the documents the server publishes, such as its
// OpenAPI description, so they ship inside the binary.
package docs

import _ "embed"

// OpenAPI is docs/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
