/*
 * wb-spawn --serve: one long-lived helper runs sample after sample, so every
 * measurement starts from a warm process (as hyperfine's do) instead of a
 * helper that was exec'd a moment ago with cold caches and page tables.
 * #included by spawn-helper.c; each sample goes through the same run() as the
 * one-shot mode (posix_spawnp, own process group, first-byte poll, timeout
 * kills the group, wait4 rusage).
 *
 * Request on stdin, one at a time (the reply ends before the next is read):
 *   "<timeout_ms> <argc> <envc> <has_cwd> <has_stdin> <body_bytes>\n"
 *   then body_bytes bytes: argc argv strings, envc "KEY=VALUE" strings, the
 *   cwd if has_cwd is 1, the stdin file if has_stdin is 1; each ends in NUL.
 * Reply on stdout: frames "<tag> <len>\n" + len bytes, where tag 1 carries the
 * child's stdout, 2 its stderr, and J the JSON report (the fd-3 line of the
 * one-shot mode), which is the last frame of the reply.
 * EOF on stdin ends the helper (exit 0); a malformed request ends it with
 * exit 2 and a message on stderr, since the framing can no longer be trusted.
 */

#define SERVE_MAX_BODY (64 << 20)
#define SERVE_MAX_STRINGS (1 << 20)

static char in_buf[65536];
static size_t in_start, in_end;

/* Appends what stdin has to in_buf; -1 at EOF, on error or when a line overflows. */
static int fill_input(void) {
  ssize_t n;
  if (in_start > 0) {
    memmove(in_buf, in_buf + in_start, in_end - in_start);
    in_end -= in_start;
    in_start = 0;
  }
  if (in_end == sizeof in_buf) return -1;
  do n = read(0, in_buf + in_end, sizeof in_buf - in_end); while (n < 0 && errno == EINTR);
  if (n <= 0) return -1;
  in_end += (size_t)n;
  return 0;
}

static int read_line(char *line, size_t cap) {
  for (;;) {
    char *nl = memchr(in_buf + in_start, '\n', in_end - in_start);
    if (nl) {
      size_t len = (size_t)(nl - (in_buf + in_start));
      if (len >= cap) return -1;
      memcpy(line, in_buf + in_start, len);
      line[len] = '\0';
      in_start += len + 1;
      return 0;
    }
    if (fill_input() < 0) return -1;
  }
}

static int read_exact(char *dst, size_t n) {
  while (n > 0) {
    size_t have = in_end - in_start, take;
    if (have == 0) {
      if (fill_input() < 0) return -1;
      continue;
    }
    take = have < n ? have : n;
    memcpy(dst, in_buf + in_start, take);
    in_start += take;
    dst += take;
    n -= take;
  }
  return 0;
}

typedef struct {
  options o;
  char *body;
  char **strings; /* argv, NULL, envp, NULL */
} request;

static void free_request(request *q) {
  free(q->body);
  free(q->strings);
  q->body = NULL;
  q->strings = NULL;
}

/* Splits the NUL-terminated strings of the body; -1 unless there are exactly `want`. */
static int split_body(char *body, size_t len, char **out, long long want) {
  long long n = 0;
  if (len == 0 || body[len - 1] != '\0') return -1;
  for (size_t i = 0; i < len; i += strlen(body + i) + 1) {
    if (n == want) return -1;
    out[n++] = body + i;
  }
  return n == want ? 0 : -1;
}

/* 0: a request; 1: EOF between requests; -1: malformed (message on stderr). */
static int read_request(request *q) {
  char line[256], extra;
  long long timeout_ms, argc, envc, has_cwd, has_stdin, body_len;
  memset(q, 0, sizeof *q);
  if (read_line(line, sizeof line) < 0) return in_start == in_end ? 1 : -1;
  if (sscanf(line, "%lld %lld %lld %lld %lld %lld %c", &timeout_ms, &argc, &envc, &has_cwd, &has_stdin, &body_len, &extra) != 6 ||
      timeout_ms < 0 || argc < 1 || envc < 0 || argc + envc > SERVE_MAX_STRINGS || (has_cwd | has_stdin) & ~1LL ||
      body_len < 1 || body_len > SERVE_MAX_BODY) {
    fprintf(stderr, "wb-spawn --serve: bad request header: %.120s\n", line);
    return -1;
  }
  long long count = argc + envc + has_cwd + has_stdin;
  char **parts = malloc((size_t)count * sizeof *parts);
  q->body = malloc((size_t)body_len);
  q->strings = malloc((size_t)(argc + envc + 2) * sizeof *q->strings);
  if (!parts || !q->body || !q->strings || read_exact(q->body, (size_t)body_len) < 0 ||
      split_body(q->body, (size_t)body_len, parts, count) < 0) {
    fprintf(stderr, "wb-spawn --serve: request body is short or does not hold %lld strings\n", count);
    free(parts);
    return -1;
  }
  memcpy(q->strings, parts, (size_t)argc * sizeof *parts);
  q->strings[argc] = NULL;
  memcpy(q->strings + argc + 1, parts + argc, (size_t)envc * sizeof *parts);
  q->strings[argc + 1 + envc] = NULL;
  q->o.timeout_ns = timeout_ms * 1000000LL;
  q->o.argv = q->strings;
  q->o.envp = q->strings + argc + 1;
  q->o.cwd = has_cwd ? parts[argc + envc] : NULL;
  q->o.stdin_file = has_stdin ? parts[argc + envc + has_cwd] : NULL;
  free(parts);
  return 0;
}

/*
 * Optional: between samples, poll stdin without sleeping for up to spin_ns
 * before blocking, so the CPU does not idle down between samples.
 * Off by default: it makes samples faster than what hyperfine (or a user)
 * sees on the same machine (a no-op measured 0.80-0.99x of hyperfine -N with
 * 250 us, 1.00-1.10x without), i.e. it changes the machine's state rather
 * than removing harness overhead. WB_SPAWN_SPIN_US=250 turns it on; never
 * with a single CPU, where the spin would take Node's time.
 */
static long long spin_ns = 0;

static void spin_for_request(void) {
  if (spin_ns <= 0 || in_start != in_end) return;
  long long until = clock_ns(CLOCK_MONOTONIC) + spin_ns;
  struct pollfd p = {0, POLLIN, 0};
  while (poll(&p, 1, 0) == 0 && clock_ns(CLOCK_MONOTONIC) < until) {}
}

static int serve(void) {
  request q;
  report r;
  ensure_std_fds();
  /* Our own stdio must not leak into a child (it gets its own 0-2 by dup2). */
  for (int fd = 0; fd < 3; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
  cloexec_inherited_fds();
  home_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) < 0) { perror("wb-spawn: pipe2"); return 125; }
  install_handlers();
  serve_mode = 1;
  const char *spin = getenv("WB_SPAWN_SPIN_US");
  if (spin) spin_ns = atoll(spin) * 1000LL;
  if (sysconf(_SC_NPROCESSORS_ONLN) < 2) spin_ns = 0;
  for (;;) {
    spin_for_request();
    int got = read_request(&q);
    if (got != 0) {
      free_request(&q);
      return got > 0 ? 0 : 2;
    }
    char drain[64];
    while (read(sigchld_pipe[0], drain, sizeof drain) > 0) {} /* a stale wakeup would cost a loop */
    memset(&r, 0, sizeof r);
    r.first_output_ns = -1;
    run(&q.o, &r);
    write_report(&r);
    free_request(&q);
  }
}
