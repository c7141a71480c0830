// getpid() answered from memory instead of by a system call, for this program only.
//
// Why: opening the window, GLFW reads every attribute of every framebuffer configuration the X server offers
// (Xvfb with Mesa offers hundreds) through libglvnd's glXGetFBConfigAttrib, and libglvnd calls getpid() on each
// call to notice a fork. That is about 27,000 system calls before the first frame; in a virtual machine, where
// classroom desktops and CI often run and a system call costs over a microsecond, they took 30-40 ms of a start
// that should stay within 300 ms (measured with `stslab-viz A B --frames 1`, which prints where the time goes).
//
// The definition here takes the place of the C library's for every library in the process (the executable comes
// first in symbol lookup). It asks the kernel once, and again in a child after fork(), so it answers exactly what
// the system call would: the viewer never starts processes with a raw clone(), the one way a cached pid goes stale.
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

namespace {

std::atomic<pid_t> cached_pid{0};  // 0: not asked yet (any thread may ask first)

void forget_pid() { cached_pid.store(0, std::memory_order_relaxed); }

}  // namespace

extern "C" pid_t getpid() noexcept {
    pid_t pid = cached_pid.load(std::memory_order_relaxed);
    if (pid == 0) {
        static const bool registered = pthread_atfork(nullptr, nullptr, forget_pid) == 0;
        (void)registered;
        pid = static_cast<pid_t>(syscall(SYS_getpid));
        cached_pid.store(pid, std::memory_order_relaxed);
    }
    return pid;
}
