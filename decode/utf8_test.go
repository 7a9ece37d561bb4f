package decode

import "testing"

// TestPrintable: text read off the wire is printed as it is when it is made
// of graphic characters, else escaped as in a Go string literal.
func TestPrintable(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
		n    int // bytes escaped
	}{
		{"ASCII", []byte("local"), "local", 0},
		{"UTF-8 and spaces", []byte("Компьютер 1"), "Компьютер 1", 0},
		{"backslash alone is kept", []byte(`DOMAIN\user`), `DOMAIN\user`, 0},
		{"bytes not UTF-8", []byte{'a', 0x96, 0xff, 'b'}, `a\x96\xffb`, 2},
		{"escape sequence", []byte("\x1b[2Jx"), `\x1b[2Jx`, 1},
		{"tab and DEL", []byte("a\tb\x7f"), `a\x09b\x7f`, 2},
		{"backslash among escapes", []byte("a\\\x01"), `a\\\x01`, 1},
		{"C1 control", []byte("a\u0085b"), `a\u0085b`, 2},
		{"bidirectional override", []byte("a\u202eb"), `a\u202eb`, 3},
		{"private use plane", []byte("\U000F0000"), `\U000f0000`, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := printable(c.in); got != c.want {
				t.Errorf("printable(% x) = %q, want %q", c.in, got, c.want)
			}
			if got := unprintable(c.in); got != c.n {
				t.Errorf("unprintable(% x) = %d, want %d", c.in, got, c.n)
			}
		})
	}
}
