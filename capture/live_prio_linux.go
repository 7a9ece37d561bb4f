//go:build linux

package capture

import (
	"errors"
	"runtime"

	"golang.org/x/sys/unix"
)

// readerPriority gives the goroutine that copies the kernel's buffer (it
// calls this when packets come) a thread of its own at the lowest real-time priority,
// SCHED_FIFO 1, when the process may (root, or CAP_SYS_NICE): woken by the
// kernel it then runs at once, ahead of every ordinary thread, instead of
// waiting for a time slice of its CPU behind the analysis, the replay or
// other jobs, while the kernel's buffer fills (2 MiB by default: 6 to 20 ms
// of a busy link). It runs for about 0.1 us a packet and sleeps in the
// kernel otherwise. Without the permission it keeps the ordinary priority.
// restore, called by the goroutine when it ends, gives the thread back with
// the ordinary priority (or, should that fail, lets it end with the
// goroutine), so that no other goroutine runs at that priority.
func readerPriority() (restore func()) {
	runtime.LockOSThread()
	attr := unix.SchedAttr{Policy: unix.SCHED_FIFO, Priority: 1, Flags: unix.SCHED_FLAG_RESET_ON_FORK}
	if unix.SchedSetAttr(0, &attr, 0) != nil {
		return runtime.UnlockOSThread
	}
	return func() {
		if unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_NORMAL}, 0) == nil {
			runtime.UnlockOSThread()
		}
	}
}

// RealTimePermitted reports whether LiveOptions.RealTime can take effect:
// nil when a thread of this process may take the real-time priority the
// copying goroutine asks for, else the system's refusal (the copying then
// keeps the ordinary priority, without a word: live --realtime warns with
// this first). It tries on a thread of its own and gives the priority back
// at once.
func RealTimePermitted() error {
	errc := make(chan error, 1)
	go func() {
		restored := true
		runtime.LockOSThread()
		defer func() {
			if restored {
				runtime.UnlockOSThread()
			} // else the thread ends with the goroutine
		}()
		attr := unix.SchedAttr{Policy: unix.SCHED_FIFO, Priority: 1, Flags: unix.SCHED_FLAG_RESET_ON_FORK}
		err := unix.SchedSetAttr(0, &attr, 0)
		if err == nil {
			restored = unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_NORMAL}, 0) == nil
		}
		errc <- err
	}()
	if err := <-errc; err != nil {
		if errors.Is(err, unix.EPERM) {
			return msg("realtime-permission")
		}
		return msg("because", msg("realtime-unsupported"), err)
	}
	return nil
}
