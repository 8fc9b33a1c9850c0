package render

import (
	"strconv"
	"unicode/utf8"

	"github.com/blackline/blackline/diff"
)

// appendChange appends c as encoding/json would write it with the given line prefix and
// two-space indent (field order and omitempty as in diff.Change's tags), without
// reflection: a large diff has tens of thousands of changes.
func appendChange(b []byte, c diff.Change, prefix string) []byte {
	in1, in2 := prefix+"  ", prefix+"    "
	b = append(b, "{\n"...)
	b = appendKey(b, in1, "kind")
	b = appendString(b, string(c.Kind))
	b = append(b, ",\n"...)
	b = appendKey(b, in1, "categories")
	cats := make([]string, len(c.Categories))
	for i, x := range c.Categories {
		cats[i] = string(x)
	}
	b = appendStrings(b, cats, in1)
	b = append(b, ",\n"...)
	b = appendKey(b, in1, "action")
	b = appendString(b, c.Action)
	b = append(b, ",\n"...)
	for _, s := range []struct {
		name string
		span diff.Span
	}{{"old", c.Old}, {"new", c.New}} {
		b = appendKey(b, in1, s.name)
		b = append(b, "{\n"...)
		b = appendKey(b, in2, "start")
		b = strconv.AppendInt(b, int64(s.span.Start), 10)
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "end")
		b = strconv.AppendInt(b, int64(s.span.End), 10)
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "line")
		b = strconv.AppendInt(b, int64(s.span.Line), 10)
		b = append(b, ",\n"...)
		b = appendKey(b, in2, "text")
		b = appendString(b, s.span.Text)
		b = append(b, '\n')
		b = append(b, in1...)
		b = append(b, "},\n"...)
	}
	b = appendKey(b, in1, "detail")
	d := c.Detail
	var fields [][]byte
	field := func(name string, value []byte) { fields = append(fields, appendKeyValue(in2, name, value)) }
	if len(d.ExemptionsOld) > 0 {
		field("exemptions_old", appendStrings(nil, d.ExemptionsOld, in2))
	}
	if len(d.ExemptionsNew) > 0 {
		field("exemptions_new", appendStrings(nil, d.ExemptionsNew, in2))
	}
	if d.ExtentOld != "" {
		field("extent_old", appendString(nil, d.ExtentOld))
	}
	if d.ExtentNew != "" {
		field("extent_new", appendString(nil, d.ExtentNew))
	}
	if d.Partial {
		field("partial", []byte("true"))
	}
	if len(d.Names) > 0 {
		field("names", appendStrings(nil, d.Names, in2))
	}
	if d.From != "" {
		field("from", appendString(nil, d.From))
	}
	if d.To != "" {
		field("to", appendString(nil, d.To))
	}
	if d.Direction != "" {
		field("direction", appendString(nil, d.Direction))
	}
	if len(fields) == 0 {
		b = append(b, "{}\n"...)
	} else {
		b = append(b, "{\n"...)
		for i, f := range fields {
			b = append(b, f...)
			if i < len(fields)-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		b = append(b, in1...)
		b = append(b, "}\n"...)
	}
	b = append(b, prefix...)
	return append(b, '}')
}

func appendKey(b []byte, indent, name string) []byte {
	b = append(b, indent...)
	b = appendString(b, name)
	return append(b, ": "...)
}

func appendKeyValue(indent, name string, value []byte) []byte {
	return append(appendKey(nil, indent, name), value...)
}

// appendStrings appends a JSON array of strings, one a line, as encoding/json indents it.
func appendStrings(b []byte, list []string, indent string) []byte {
	if len(list) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, "[\n"...)
	for i, s := range list {
		b = append(b, indent...)
		b = append(b, "  "...)
		b = appendString(b, s)
		if i < len(list)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, indent...)
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json does with HTML
// escaping off: quotes, backslashes, control characters, U+2028 and U+2029.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
