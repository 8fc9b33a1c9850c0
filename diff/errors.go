package diff

import (
	"errors"
	"fmt"
)

// ErrNotText is wrapped by an InputError: the input holds a NUL byte or invalid UTF-8.
var ErrNotText = errors.New("not text")

// InputError reports an input that is not text, naming the side ("old" or "new") and the
// byte offset of the first offending byte.
type InputError struct {
	Side   string
	Offset int
	Reason string // "NUL byte" or "invalid UTF-8"
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s text: %s at byte %d", e.Side, e.Reason, e.Offset)
}

// Unwrap makes errors.Is(err, ErrNotText) hold.
func (e *InputError) Unwrap() error { return ErrNotText }

// PatternError reports a configured regular expression that does not compile. Key is the
// configuration key it came from ("redaction.patterns", "marking.patterns").
type PatternError struct {
	Key     string
	Pattern string
	Err     error
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("compile %s pattern %q: %v", e.Key, e.Pattern, e.Err)
}

func (e *PatternError) Unwrap() error { return e.Err }

// ErrTooLarge is returned for a text longer than the differ's offsets can address.
var ErrTooLarge = errors.New("text too large")
