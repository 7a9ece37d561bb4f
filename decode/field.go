package decode

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
)

// Field is one decoded field of a message, for display: a snake_case name, a
// value and the byte range [Start, End) it was read from, relative to the
// start of the message's layer (so a report can highlight the field's bytes).
// Start == End == 0 marks a derived value with no bytes of its own.
//
// Value holds one of: string, bool, int, uint64, Hex, Fields (a nested
// object) or []Fields (a list of objects). Fields are built only when a
// message is displayed; decoding itself does not allocate them.
type Field struct {
	Name       string
	Value      any
	Start, End int
}

// Fields is an ordered list of fields (a JSON object whose key order is kept).
type Fields []Field

// Hex is a byte string shown as lower-case hex.
type Hex []byte

func (h Hex) String() string { return hex.EncodeToString(h) }

// Add appends a field and returns the list, for chaining in builders.
func (f Fields) Add(name string, value any, start, end int) Fields {
	return append(f, Field{Name: name, Value: value, Start: start, End: end})
}

// Get returns the value of the first field with the given name.
func (f Fields) Get(name string) (any, bool) {
	for _, x := range f {
		if x.Name == name {
			return x.Value, true
		}
	}
	return nil, false
}

// AppendJSON appends the fields as a JSON object, keeping their order.
func (f Fields) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, x := range f {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, x.Name)
		b = append(b, ':')
		b = AppendJSONValue(b, x.Value)
	}
	return append(b, '}')
}

// AppendJSONValue appends one field value as JSON.
func AppendJSONValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case Hex:
		return appendJSONString(b, v.String())
	case Fields:
		return v.AppendJSON(b)
	case []Fields:
		b = append(b, '[')
		for i, o := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = o.AppendJSON(b)
		}
		return append(b, ']')
	case []string:
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']')
	case fmt.Stringer:
		return appendJSONString(b, v.String())
	default:
		return appendJSONString(b, fmt.Sprint(v))
	}
}

// appendJSONString quotes s as a JSON string. strconv.AppendQuote is not JSON
// (it emits \x escapes), so control characters and invalid UTF-8 are
// handled here.
func appendJSONString(b []byte, s string) []byte {
	const hexdig = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hexdig[c>>4], hexdig[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := decodeRune(s[i:])
		if r == 0xFFFD && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// Text formats a field value for people (tables, diagrams).
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return "-"
	case string:
		return v
	case Hex:
		return v.String()
	case Fields:
		s := ""
		for i, x := range v {
			if i > 0 {
				s += " "
			}
			s += x.Name + "=" + Text(x.Value)
		}
		return s
	case []Fields:
		s := ""
		for i, o := range v {
			if i > 0 {
				s += "; "
			}
			s += Text(o)
		}
		return s
	default:
		return fmt.Sprint(v)
	}
}

// hex16 is fmt.Sprintf("0x%04x", v), sliced from a table of them all
// (393 KB, made at the first call): it names every unknown PPP protocol of
// a garbage plaintext, once per packet, without allocating (TestHex16).
func hex16(v uint16) string {
	t := hex16Table()
	i := int(v) * 6
	return t[i : i+6]
}

var hex16Table = sync.OnceValue(func() string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 6<<16)
	for v := range 1 << 16 {
		b = append(b, '0', 'x', digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
	}
	return string(b)
})

func hex32(v uint32) string { return fmt.Sprintf("0x%08x", v) }
