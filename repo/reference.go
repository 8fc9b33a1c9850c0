package repo

import (
	"fmt"
	"strconv"
	"strings"
)

// refForm is the shape of a version reference.
type refForm int

const (
	refLatest refForm = iota // ID: the document's latest version (or, failing that, a hash)
	refLabel                 // ID@LABEL
	refBack                  // ID~N
	refHash                  // a commit hash or a prefix of one
)

// reference is a version reference as written on the command line, parsed but not yet
// looked up.
type reference struct {
	form  refForm
	id    string // the document ID; "" for refHash
	label string // refLabel
	back  int    // refBack: versions before the latest, ≥ 0
	// hash is a lowercase hex prefix of 4 to 40 digits when the reference may name a
	// commit: always for refHash, and for a refLatest ID that is also hex ("beef"), tried
	// when no such document exists.
	hash string
}

// parseReference reads a version reference: "ID@LABEL", "ID~N" ("ID~" is "ID~1"), "ID", or
// a commit hash of 4 to 40 hex digits. IDs and labels are validated (ValidateID,
// ValidateLabel); the error wraps ErrInvalidID, ErrInvalidLabel or ErrUnknownVersion.
// It reads nothing from the archive. O(len(ref)).
func parseReference(ref string) (reference, error) {
	if id, label, ok := strings.Cut(ref, "@"); ok {
		if err := ValidateID(id); err != nil {
			return reference{}, err
		}
		if err := ValidateLabel(label); err != nil {
			return reference{}, err
		}
		return reference{form: refLabel, id: id, label: label}, nil
	}
	if id, back, ok := strings.Cut(ref, "~"); ok {
		n := 1
		if back != "" {
			var err error
			if n, err = strconv.Atoi(back); err != nil || n < 0 {
				return reference{}, fmt.Errorf("%w: %q after ~ is not a number of versions", ErrUnknownVersion, back)
			}
		}
		if err := ValidateID(id); err != nil {
			return reference{}, err
		}
		return reference{form: refBack, id: id, back: n}, nil
	}
	hash := ""
	if isHexPrefix(ref) {
		hash = strings.ToLower(ref)
	}
	if ValidateID(ref) == nil {
		return reference{form: refLatest, id: ref, hash: hash}, nil
	}
	if hash != "" {
		return reference{form: refHash, hash: hash}, nil
	}
	return reference{}, fmt.Errorf("%w: not a document ID, ID@LABEL, ID~N or commit hash", ErrUnknownVersion)
}

// String writes the reference back in its canonical form.
func (r reference) String() string {
	switch r.form {
	case refLabel:
		return r.id + "@" + r.label
	case refBack:
		return r.id + "~" + strconv.Itoa(r.back)
	case refHash:
		return r.hash
	}
	return r.id
}
