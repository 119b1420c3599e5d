// Package truce is the domain of a ceasefire monitoring and verification
// mechanism: signed records, the leaves they become in the transparency log,
// and the rules that decide which records a mechanism accepts.
package truce

import (
	"errors"
	"fmt"
)

// PayloadType is the DSSE payloadType of every truce record.
const PayloadType = "application/vnd.truce.record+json"

// MaxEnvelopeSize bounds a canonical envelope. The leaf that carries it must
// fit Tessera's entry limit (65,535 bytes) with room for the leaf's framing.
const MaxEnvelopeSize = 60 << 10

// Error is a refusal of bad input: what was wrong, and in which field. Field
// uses a JSON-path-like notation ("signatures[0].keyid", "refs[2]"), or is
// empty when the problem is the input as a whole.
type Error struct {
	Field string
	Msg   string
	// Kind says which class of refusal this is, so that transports can map
	// it to a status (HTTP 400, 403, 409, 413, 422).
	Kind ErrorKind
}

// ErrorKind classifies refusals.
type ErrorKind int

const (
	// Invalid input: malformed, non-canonical or violating the format.
	Invalid ErrorKind = iota
	// Forbidden: the signer is unknown, revoked or not allowed to say this.
	Forbidden
	// TooLarge: the input exceeds a size limit.
	TooLarge
	// Unresolved: the input refers to something the log does not hold.
	Unresolved
)

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func refuse(kind ErrorKind, field, format string, args ...any) *Error {
	return &Error{Kind: kind, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
