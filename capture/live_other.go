//go:build !cgo && !linux

package capture

func openLive(iface string, opts LiveOptions) (Live, error) {
	return nil, ErrLiveUnsupported
}
