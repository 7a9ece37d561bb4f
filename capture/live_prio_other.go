//go:build cgo && !linux

package capture

// readerPriority: the copying keeps the ordinary priority.
func readerPriority() (restore func()) { return func() {} }

// RealTimePermitted: LiveOptions.RealTime has no effect on this system.
func RealTimePermitted() error { return msg("realtime-unsupported") }
