/*
 * wb-spawn: runs one child and reports how long it took, measured as close to
 * the child as a process can get.
 *
 *   wb-spawn [--timeout-ms N] [--stdin FILE] -- prog args...
 *   wb-spawn --serve      (one sample per request on stdin; see spawn-serve.c)
 *   wb-spawn --version
 *
 * Node runs samples through this helper because Node cannot read a child's
 * rusage and its own spawn path adds milliseconds. Here the clock starts right
 * before posix_spawnp and stops right after wait4, so the figure matches what
 * hyperfine -N measures. The child's stdout/stderr are forwarded to our fd 1/2
 * as they arrive; one JSON report line goes to fd 3 (fd 2 if 3 is not open).
 *
 * Plain C99 + POSIX + pipe2; builds with `cc -O2` on glibc and musl.
 * spawn-serve.c is #included at the end (one translation unit, one cc call).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WB_VERSION "wb-spawn 1"
#define KILL_GRACE_NS 1000000000LL /* drain this long after a SIGKILL, then give up */

extern char **environ;

typedef struct {
  long long timeout_ns; /* < 0: no timeout */
  const char *stdin_file;
  const char *cwd;      /* serve mode only; NULL: ours */
  char **argv;
  char **envp;          /* serve mode only; NULL: ours */
} options;

typedef struct {
  long long wall_ns, first_output_ns; /* first_output_ns < 0: none */
  long long realtime_ns;
  struct rusage ru;
  int status, reaped, timed_out;
  char spawn_error[256];
} report;

static int sigchld_pipe[2] = {-1, -1};
static int report_fd = 3; /* decided before we open anything that could land on 3 */
static int serve_mode;    /* 1: output and report go to fd 1 as frames (spawn-serve.c) */
static volatile pid_t running_child; /* for the termination handler; 0 between samples */

static long long clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Wakes poll() when the child exits while grandchildren still hold its pipes. */
static void on_sigchld(int sig) {
  int saved = errno;
  (void)sig;
  if (write(sigchld_pipe[1], "x", 1) < 0) { /* full pipe: a wakeup is pending anyway */ }
  errno = saved;
}

static int usage(void) {
  fputs("usage: wb-spawn [--timeout-ms N] [--stdin FILE] -- prog args...\n"
        "       wb-spawn --serve | --version\n", stderr);
  return 2;
}

static int parse_args(int argc, char **argv, options *o) {
  int i = 1;
  memset(o, 0, sizeof *o);
  o->timeout_ns = -1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--timeout-ms") == 0 && i + 1 < argc) {
      char *end;
      long long ms = strtoll(argv[++i], &end, 10);
      if (*end != '\0' || ms < 0) return -1;
      o->timeout_ns = ms * 1000000LL;
    } else if (strcmp(argv[i], "--stdin") == 0 && i + 1 < argc) {
      o->stdin_file = argv[++i];
    } else {
      return -1;
    }
  }
  if (i + 1 >= argc) return -1;
  o->argv = argv + i + 1;
  return 0;
}

/* Node opens 0-2, but a manual run may not: keep our pipes off those numbers. */
static void ensure_std_fds(void) {
  for (int fd = 0; fd < 3; fd++) {
    if (fcntl(fd, F_GETFD) < 0) open("/dev/null", O_RDWR);
  }
}

/* Whatever fds Node inherited and passed on (a jobserver, a CI runner's pipe)
 * must not reach the child either: mark every fd above 2 close-on-exec. */
static void cloexec_inherited_fds(void) {
  DIR *d = opendir("/proc/self/fd");
  if (!d) {
    for (int fd = 3; fd < 1024; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
    return;
  }
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    int fd = atoi(e->d_name);
    if (fd > 2 && fd != dirfd(d)) fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  closedir(d);
}

static int make_pipe(int p[2]) {
  if (pipe2(p, O_CLOEXEC) < 0) return -1;
#ifdef F_SETPIPE_SZ
  /* A bigger buffer keeps a chatty child from blocking on our forwarding. */
  fcntl(p[0], F_SETPIPE_SZ, 1 << 20);
#endif
  return 0;
}

static void write_all(int fd, const char *buf, ssize_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, (size_t)n);
    if (w > 0) { buf += w; n -= w; continue; }
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno == EAGAIN) {
      struct pollfd p = {fd, POLLOUT, 0};
      poll(&p, 1, -1);
      continue;
    }
    return; /* reader gone (EPIPE): drop the bytes, keep draining the child */
  }
}

/* Serve mode: one frame "<tag> <len>\n" + bytes on fd 1, in one writev when it fits. */
static void emit_frame(char tag, const char *buf, size_t n) {
  char head[32];
  int h = snprintf(head, sizeof head, "%c %zu\n", tag, n);
  struct iovec iov[2] = {{head, (size_t)h}, {(void *)buf, n}};
  ssize_t w;
  do w = writev(1, iov, 2); while (w < 0 && errno == EINTR);
  if (w < 0) w = 0; /* EAGAIN or EPIPE: write_all below retries or drops */
  if (w < h) { write_all(1, head + w, h - w); write_all(1, buf, (ssize_t)n); }
  else write_all(1, buf + (w - h), (ssize_t)n - (w - h));
}

/* Reads what is available on *fd, forwards it; closes *fd (sets -1) at EOF. */
static void forward(int *fd, int to, report *r, long long t0, int is_stdout) {
  static char buf[65536];
  ssize_t n = read(*fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) { close(*fd); *fd = -1; return; }
  if (is_stdout && r->first_output_ns < 0) r->first_output_ns = clock_ns(CLOCK_MONOTONIC) - t0;
  if (serve_mode) emit_frame(is_stdout ? '1' : '2', buf, (size_t)n);
  else write_all(to, buf, n);
}

static void try_reap(pid_t pid, report *r, long long t0, int flags) {
  pid_t got;
  do got = wait4(pid, &r->status, flags, &r->ru); while (got < 0 && errno == EINTR);
  if (got != pid) return;
  r->wall_ns = clock_ns(CLOCK_MONOTONIC) - t0;
  r->reaped = 1;
}

static void kill_group(pid_t pid) {
  kill(-pid, SIGKILL); /* ESRCH (nothing left) is the normal case */
  kill(pid, SIGKILL);  /* in case the child moved itself to another group */
}

/* The earlier of two optional instants (-1 = none). */
static long long earliest(long long a, long long b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return a < b ? a : b;
}

static int poll_timeout_ms(long long now, long long until) {
  long long ms;
  if (until < 0) return -1;
  ms = (until - now + 999999) / 1000000;
  return ms < 0 ? 0 : (ms > 60000 ? 60000 : (int)ms);
}

static void close_fds(int *fds, int n) {
  for (int i = 0; i < n; i++) {
    if (fds[i] >= 0) close(fds[i]);
    fds[i] = -1;
  }
}

/*
 * Forwards output, enforces the timeout, reaps the child. We keep our own
 * copies of the pipes' write ends open until the child is reaped, so its exit
 * does not wake us twice (EOF, then SIGCHLD): the only wakeup at exit is
 * SIGCHLD, as for hyperfine's single waitpid. On a busy machine every extra
 * wakeup can wait for a scheduler slice, inflating wallNs.
 */
static void supervise(pid_t pid, int out[2], int err[2], long long t0, const options *o, report *r) {
  struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {sigchld_pipe[0], POLLIN, 0}};
  int held[2] = {out[1], err[1]};
  long long deadline = o->timeout_ns >= 0 ? t0 + o->timeout_ns : -1;
  long long grace = -1; /* after a kill: stop waiting for pipes held by escaped processes */
  while (!r->reaped || fds[0].fd >= 0 || fds[1].fd >= 0) {
    long long now = clock_ns(CLOCK_MONOTONIC);
    if (!r->reaped && !r->timed_out && deadline >= 0 && now >= deadline) {
      kill_group(pid);
      r->timed_out = 1;
      grace = now + KILL_GRACE_NS;
    }
    if (grace >= 0 && now >= grace) break;
    long long until = earliest(grace, r->reaped || r->timed_out ? -1 : deadline);
    if (poll(fds, 3, poll_timeout_ms(now, until)) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; i++)
      if (fds[i].fd >= 0 && fds[i].revents) forward(&fds[i].fd, i + 1, r, t0, i == 0);
    if (fds[2].revents) { char b[64]; while (read(fds[2].fd, b, sizeof b) > 0) {} }
    if (!r->reaped) try_reap(pid, r, t0, WNOHANG);
    if (r->reaped && held[0] >= 0) {
      kill_group(pid);   /* leftovers must not outlive the sample */
      close_fds(held, 2); /* now EOF comes once the buffered output is read */
      grace = earliest(grace, clock_ns(CLOCK_MONOTONIC) + KILL_GRACE_NS);
    }
    for (int i = 0; i < 3; i++) fds[i].revents = 0;
  }
  if (!r->reaped) try_reap(pid, r, t0, 0); /* only after a SIGKILL: returns */
  close_fds(held, 2);
  for (int i = 0; i < 2; i++) close_fds(&fds[i].fd, 1);
}

static int setup_attr(posix_spawnattr_t *attr) {
  sigset_t none, def;
  sigemptyset(&none);
  sigemptyset(&def);
  sigaddset(&def, SIGPIPE); /* we ignore SIGPIPE; an ignored signal survives exec */
  sigaddset(&def, SIGCHLD);
  if (posix_spawnattr_init(attr)) return -1;
  posix_spawnattr_setpgroup(attr, 0); /* child leads its own group: kill(-pid) reaches all */
  posix_spawnattr_setsigmask(attr, &none);
  posix_spawnattr_setsigdefault(attr, &def);
  return posix_spawnattr_setflags(attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF);
}

static int open_stdin(const options *o, report *r) {
  const char *path = o->stdin_file ? o->stdin_file : "/dev/null";
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) snprintf(r->spawn_error, sizeof r->spawn_error, "cannot open stdin %s: %s", path, strerror(errno));
  return fd;
}

/* Serve mode: the child's cwd is entered before spawning (so relative argv[0] and
 * --stdin resolve there, as when Node started us in it) and left afterwards. */
static int home_fd = -1;

static int enter_cwd(const options *o, report *r) {
  if (!o->cwd || chdir(o->cwd) == 0) return 0;
  if (errno == ENOENT) snprintf(r->spawn_error, sizeof r->spawn_error, "working directory %s does not exist", o->cwd);
  else snprintf(r->spawn_error, sizeof r->spawn_error, "cannot enter working directory %s: %s", o->cwd, strerror(errno));
  return -1;
}

static void leave_cwd(const options *o) {
  if (o->cwd && home_fd >= 0 && fchdir(home_fd) < 0) { /* stays put: every request names its cwd anyway */ }
}

/* posix_spawnp searches the PATH of the current environ (glibc and musl read it
 * in the spawned child, which shares our memory), so swap in the child's own
 * environment for the call: a name resolves against the child's PATH. */
static int spawn_child(pid_t *pid, const options *o, posix_spawn_file_actions_t *fa, posix_spawnattr_t *attr, long long *t0) {
  char **saved = environ;
  if (o->envp) environ = o->envp;
  *t0 = clock_ns(CLOCK_MONOTONIC);
  int rc = posix_spawnp(pid, o->argv[0], fa, attr, o->argv, environ);
  environ = saved;
  return rc;
}

static void run(const options *o, report *r) {
  int out[2] = {-1, -1}, err[2] = {-1, -1}, in;
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  pid_t pid;
  long long t0;
  r->realtime_ns = clock_ns(CLOCK_REALTIME); /* retaken below; this one dates early failures */
  if (enter_cwd(o, r) < 0) return;
  if ((in = open_stdin(o, r)) < 0) { leave_cwd(o); return; }
  if (make_pipe(out) < 0 || make_pipe(err) < 0 || setup_attr(&attr) != 0) {
    snprintf(r->spawn_error, sizeof r->spawn_error, "wb-spawn setup: %s", strerror(errno));
    close(in);
    close_fds(out, 2);
    close_fds(err, 2);
    leave_cwd(o);
    return;
  }
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  r->realtime_ns = clock_ns(CLOCK_REALTIME);
  int rc = spawn_child(&pid, o, &fa, &attr, &t0);
  if (rc == 0) running_child = pid;
  close(in);
  if (rc != 0) {
    r->wall_ns = clock_ns(CLOCK_MONOTONIC) - t0;
    snprintf(r->spawn_error, sizeof r->spawn_error, "%s", strerror(rc));
    close_fds(out, 2);
    close_fds(err, 2);
  } else {
    supervise(pid, out, err, t0, o, r);
  }
  running_child = 0;
  posix_spawn_file_actions_destroy(&fa); /* serve mode runs many samples: no leaks */
  posix_spawnattr_destroy(&attr);
  leave_cwd(o);
}

static const char *signal_name(int sig) {
  static const struct { int n; const char *s; } names[] = {
      {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
      {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
      {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
      {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGXCPU, "SIGXCPU"},
      {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"},   {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}};
  static char other[16];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].n == sig) return names[i].s;
  snprintf(other, sizeof other, "SIG%d", sig);
  return other;
}

static long long tv_ns(struct timeval tv) {
  return (long long)tv.tv_sec * 1000000000LL + (long long)tv.tv_usec * 1000LL;
}

static void json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void write_report(const report *r) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) return;
  fprintf(f, "{\"wallNs\":%lld,\"firstOutputNs\":", r->wall_ns);
  if (r->first_output_ns >= 0) fprintf(f, "%lld", r->first_output_ns); else fputs("null", f);
  fprintf(f, ",\"spawnRealtimeNs\":\"%lld\"", r->realtime_ns);
  if (r->reaped) {
#ifdef __APPLE__
    long long rss = (long long)r->ru.ru_maxrss; /* bytes on macOS */
#else
    long long rss = (long long)r->ru.ru_maxrss * 1024LL; /* KiB on Linux */
#endif
    fprintf(f, ",\"userNs\":%lld,\"sysNs\":%lld,\"maxRssBytes\":%lld", tv_ns(r->ru.ru_utime),
            tv_ns(r->ru.ru_stime), rss);
  } else {
    fputs(",\"userNs\":null,\"sysNs\":null,\"maxRssBytes\":null", f);
  }
  if (r->reaped && WIFEXITED(r->status)) fprintf(f, ",\"exitCode\":%d,\"signal\":null", WEXITSTATUS(r->status));
  else if (r->reaped && WIFSIGNALED(r->status)) fprintf(f, ",\"exitCode\":null,\"signal\":\"%s\"", signal_name(WTERMSIG(r->status)));
  else fputs(",\"exitCode\":null,\"signal\":null", f);
  fprintf(f, ",\"timedOut\":%s,\"spawnError\":", r->timed_out ? "true" : "false");
  if (r->spawn_error[0]) json_string(f, r->spawn_error); else fputs("null", f);
  fputs("}\n", f);
  fclose(f);
  if (serve_mode) emit_frame('J', text, len);
  else write_all(report_fd, text, (ssize_t)len);
  free(text);
}

/* SIGTERM/SIGINT/SIGHUP: the child leads its own group, so a terminal's ^C or
 * Node killing us would not reach it; take it down with us. */
static void on_terminate(int sig) {
  pid_t p = running_child;
  if (p > 0) { kill(-p, SIGKILL); kill(p, SIGKILL); }
  _exit(128 + sig);
}

static void install_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigchld;
  sa.sa_flags = SA_NOCLDSTOP | SA_RESTART; /* poll still returns EINTR; blocking reads resume */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGCHLD, &sa, NULL);
  sa.sa_handler = on_terminate;
  sa.sa_flags = 0;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* Node closing our stdout must not kill the supervisor */
}

#include "spawn-serve.c"


int main(int argc, char **argv) {
  options o;
  report r;
  if (argc == 2 && strcmp(argv[1], "--version") == 0) { puts(WB_VERSION); return 0; }
  if (argc == 2 && strcmp(argv[1], "--serve") == 0) return serve();
  if (parse_args(argc, argv, &o) < 0) return usage();
  if (fcntl(3, F_GETFD) < 0) report_fd = 2;
  ensure_std_fds();
  cloexec_inherited_fds(); /* fd 3 included: the child must not see it */
  memset(&r, 0, sizeof r);
  r.first_output_ns = -1;
  if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) < 0) { perror("wb-spawn: pipe2"); return 125; }
  install_handlers();
  run(&o, &r);
  write_report(&r);
  return 0;
}
