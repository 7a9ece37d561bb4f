//go:build cgo && !linux

package capture

// readerPriority: the copying keeps the ordinary priority.
func readerPriority() (restore func()) { return func() {} }
