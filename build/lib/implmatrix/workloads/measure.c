/*
 * measure: run a program REPEAT times and report, for each run, its wall time,
 * peak RSS and CPU time as seen from outside the process.
 *
 *     measure [-c CPU [-r]] [-k] [-n REPEAT] -- PROGRAM [ARGS...]
 *
 * Why: implmatrix compares interpreters (CPython, PyPy, MicroPython, Jython)
 * that cannot all time or measure themselves the same way; wait4(2) gives the
 * same wall/RSS/CPU figures for every one of them, the JVM included.  -c pins
 * the program to one CPU so that timed cells are steadier.
 *
 * -r pins only once the program is ready to be measured: it starts on every
 * CPU, and when it writes "\n@@implmatrix-ready@@\n" to stdout, measure
 * pins each of its threads to CPU, then writes one newline to its stdin (which
 * is a pipe from measure), the program's cue to start.  Why: a JVM booting on
 * one CPU takes 2 s instead of 1 s, all of it before the first timed
 * iteration.  Its stdout passes through measure unchanged.  Before anything
 * else, the program's stdin carries one line: a random per-run NONCE, which the
 * harness reads before it loads the workload and puts on its record, so the
 * host can tell the harness's record from lines the workload prints.
 *
 * -k reads a KEY line from measure's own stdin first and puts it on every
 * record line measure prints; measure then makes itself undumpable, so the
 * program (same user) cannot read the key from /proc/PID/{mem,environ,fd}.
 * Only lines carrying the key are measure's: nothing the program prints, in
 * whatever order or after whatever exit, can pass for one.
 *
 * Interference: around the measured window (from the cue with -r, else the
 * whole run) measure reads the machine's /proc/stat and /proc/pressure/cpu (both
 * are host-wide inside a container) and reports how much CPU everything ran,
 * on all CPUs and on the pinned one, the VM's steal time and the CPU pressure
 * stall time; the host subtracts the program's own CPU time to see what else ran.
 *
 * After each run one line goes to stdout (the leading newline makes sure the
 * marker starts a line even if the program's output did not end with one):
 *
 *     \n@@implmatrix-process@@ [KEY ]{"wall_s": .., "max_rss_kb": .., "user_s": ..,
 *         "sys_s": .., "exit": N|null, "signal": N|null, "nonce": ".."|null,
 *         "interference": {"window_s": .., "cpus": N, "cpu": N|-1, "own_cpu_s": ..,
 *                          "busy_s": .., "cpu_busy_s": ..|null, "steal_s": ..,
 *                          "psi_some_s": ..|null}}
 *
 * SIGTERM, SIGINT and SIGHUP are forwarded to the running program, and no
 * further runs start after one has been received.  The program is killed if
 * measure itself dies (PR_SET_PDEATHSIG).  Exit status: that of the last run
 * (128+N if killed by signal N), 2 for usage errors.  Child-side failures exit
 * 126 (cannot pin / set up) or 127 (cannot exec), as a shell would.
 *
 * Self-contained C99 + POSIX + Linux, built with
 *     cc -O2 -static -Wall -Wextra -o measure measure.c
 * so that the one binary can be bind-mounted into any Linux container.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define USAGE "usage: measure [-c CPU [-r]] [-k] [-n REPEAT] -- PROGRAM [ARGS...]\n"
#define KEY_MAX 64
#define READY "\n@@implmatrix-ready@@\n"

static const int forwarded_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define NFORWARDED ((int)(sizeof forwarded_signals / sizeof forwarded_signals[0]))

static volatile pid_t child_pid = 0;         /* the running child, or 0 */
static volatile sig_atomic_t received = 0;   /* last signal we were sent */
static int ignored[NFORWARDED];              /* inherited as SIG_IGN: leave alone */

static void forward(int sig)
{
    int saved_errno = errno;
    pid_t pid = child_pid;
    if (pid > 0)
        kill(pid, sig);
    received = sig;
    errno = saved_errno;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return; /* stdout gone: nothing sensible left to do */
        }
        buf += n;
        len -= (size_t)n;
    }
}

/* What the whole machine had run up to one moment: CPU time in USER_HZ ticks
 * from /proc/stat (busy = user + nice + system + irq + softirq + steal; guest
 * time is inside user), the CPU pressure stall total in microseconds. */
struct snapshot {
    struct timespec at;
    unsigned long long busy, steal, cpu_busy, psi_us;
    int cpus, have_cpu, have_psi;
    double own_s; /* the program's own CPU time so far, seconds */
};

static void read_snapshot(struct snapshot *s, long cpu)
{
    char line[512];
    FILE *f;
    memset(s, 0, sizeof *s);
    f = fopen("/proc/stat", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        unsigned long long v[8] = {0};
        char name[32];
        if (strncmp(line, "cpu", 3) != 0)
            break; /* the cpu lines come first */
        if (sscanf(line, "%31s %llu %llu %llu %llu %llu %llu %llu %llu", name, &v[0], &v[1],
                   &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) < 9)
            continue;
        /* user nice system idle iowait irq softirq steal */
        unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
        if (strcmp(name, "cpu") == 0) {
            s->busy = busy;
            s->steal = v[7];
        } else {
            long n;
            s->cpus++;
            if (cpu >= 0 && parse_int(name + 3, 0, INT_MAX, &n) == 0 && n == cpu) {
                s->cpu_busy = busy;
                s->have_cpu = 1;
            }
        }
    }
    if (f != NULL)
        fclose(f);
    f = fopen("/proc/pressure/cpu", "r");
    if (f != NULL) {
        if (fgets(line, sizeof line, f) != NULL) {
            char *total = strstr(line, "total=");
            if (strncmp(line, "some ", 5) == 0 && total != NULL) {
                s->psi_us = strtoull(total + 6, NULL, 10);
                s->have_psi = 1;
            }
        }
        fclose(f);
    }
    clock_gettime(CLOCK_MONOTONIC, &s->at);
}

/* CPU time PID (all its threads, and its children it has waited for) has used so far. */
static double own_cpu(pid_t pid)
{
    char path[64], buf[1024], *p;
    unsigned long long utime = 0, stime = 0;
    ssize_t n;
    int fd, field;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0.0;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0.0;
    buf[n] = '\0';
    p = strrchr(buf, ')'); /* the command name may hold spaces and parentheses */
    if (p == NULL)
        return 0.0;
    /* after ")": state is field 3; utime 14, stime 15, cutime 16, cstime 17 */
    for (field = 3, p += 2; *p != '\0' && field < 14; p++)
        if (*p == ' ')
            field++;
    if (sscanf(p, "%llu %llu", &utime, &stime) != 2)
        return 0.0;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double elapsed(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

/* The "interference" object: what the machine ran between START and END. */
static void describe_window(char *out, size_t size, const struct snapshot *start,
                            const struct snapshot *end, long cpu, double own_end_s)
{
    double tick = (double)sysconf(_SC_CLK_TCK);
    char cpu_busy[32] = "null", psi[32] = "null";
    if (start->have_cpu && end->have_cpu)
        snprintf(cpu_busy, sizeof cpu_busy, "%.4f",
                 (double)(end->cpu_busy - start->cpu_busy) / tick);
    if (start->have_psi && end->have_psi)
        snprintf(psi, sizeof psi, "%.6f", (double)(end->psi_us - start->psi_us) / 1e6);
    snprintf(out, size,
             "{\"window_s\": %.6f, \"cpus\": %d, \"cpu\": %ld, \"own_cpu_s\": %.6f, "
             "\"busy_s\": %.4f, \"cpu_busy_s\": %s, \"steal_s\": %.4f, \"psi_some_s\": %s}",
             elapsed(start->at, end->at), end->cpus, cpu, own_end_s - start->own_s,
             (double)(end->busy - start->busy) / tick, cpu_busy,
             (double)(end->steal - start->steal) / tick, psi);
}

static int read_key(char *key)
{
    size_t len = 0;
    for (;;) {
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n')
            break;
        if (len >= KEY_MAX || !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')))
            return -1;
        key[len++] = c;
    }
    key[len] = '\0';
    return len > 0 ? 0 : -1;
}

/* 32 hex digits from the kernel's random source, or -1. */
static int make_nonce(char *out)
{
    unsigned char raw[16];
    size_t i, got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            got += (size_t)n;
    }
    for (i = 0; i < sizeof raw; i++)
        sprintf(out + 2 * i, "%02x", raw[i]);
    return 0;
}

static int pin(pid_t tid, long cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((size_t)cpu, &set);
    return sched_setaffinity(tid, sizeof set, &set);
}

/* Pin every thread of PID to CPU.  Threads inherit the affinity of the thread
 * that creates them, so once one pass over /proc/PID/task finds every thread
 * pinned, none can appear unpinned later.  0, or -1 with errno set. */
static int pin_threads(pid_t pid, long cpu)
{
    char dir_path[64];
    int pass;
    snprintf(dir_path, sizeof dir_path, "/proc/%ld/task", (long)pid);
    for (pass = 0; pass < 100; pass++) {
        struct dirent *entry;
        int changed = 0;
        DIR *dir = opendir(dir_path);
        if (dir == NULL)
            return -1;
        while ((entry = readdir(dir)) != NULL) {
            cpu_set_t now;
            long tid;
            if (parse_int(entry->d_name, 1, INT_MAX, &tid) != 0)
                continue; /* . and .. */
            if (sched_getaffinity((pid_t)tid, sizeof now, &now) != 0) {
                if (errno == ESRCH)
                    continue; /* the thread has just ended */
                closedir(dir);
                return -1;
            }
            if (CPU_COUNT(&now) == 1 && CPU_ISSET((size_t)cpu, &now))
                continue;
            if (pin((pid_t)tid, cpu) != 0 && errno != ESRCH) {
                closedir(dir);
                return -1;
            }
            changed = 1;
        }
        closedir(dir);
        if (!changed)
            return 0;
    }
    errno = EAGAIN;
    return -1;
}

/* With -r: pass the child's stdout through until it ends; when READY goes by,
 * pin the child, start the measured WINDOW and answer on its stdin. */
static void relay(int from_child, int to_child, pid_t pid, long cpu, struct snapshot *window)
{
    static const char ready[] = READY;
    size_t matched = 0;
    char buf[8192];
    for (;;) {
        ssize_t i, n = read(from_child, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        write_all(STDOUT_FILENO, buf, (size_t)n);
        for (i = 0; i < n && to_child >= 0; i++) {
            /* Newlines are only at the ends of READY, so after a mismatch
             * the match can only restart at a newline. */
            if (buf[i] == ready[matched])
                matched++;
            else
                matched = buf[i] == '\n';
            if (matched < sizeof ready - 1)
                continue;
            if (pin_threads(pid, cpu) != 0) {
                fprintf(stderr, "measure: cannot pin to CPU %ld: %s\n", cpu, strerror(errno));
                kill(pid, SIGKILL);
            } else {
                read_snapshot(window, cpu);
                window->own_s = own_cpu(pid);
                write_all(to_child, "\n", 1);
            }
            close(to_child);
            to_child = -1;
        }
    }
    if (to_child >= 0)
        close(to_child);
    close(from_child);
}

/* In the child: never returns.  PIPES (stdin, stdout) are set with -r. */
static void run_child(char **argv, long cpu, int ready, int keyed, int pipes[2][2],
                      pid_t parent, const sigset_t *orig_mask)
{
    struct sigaction dfl;
    int i;

    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(126); /* parent already gone (or prctl failed): do not run */

    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (i = 0; i < NFORWARDED; i++)
        if (!ignored[i])
            sigaction(forwarded_signals[i], &dfl, NULL);
    signal(SIGPIPE, SIG_DFL); /* measure ignores it; the program should not */
    sigprocmask(SIG_SETMASK, orig_mask, NULL);

    if (ready) {
        if (dup2(pipes[0][0], STDIN_FILENO) < 0 || dup2(pipes[1][1], STDOUT_FILENO) < 0)
            _exit(126);
        for (i = 0; i < 2; i++) {
            close(pipes[i][0]);
            close(pipes[i][1]);
        }
    } else {
        /* measure's stdin carried the key: the program gets none of it */
        int null_fd = keyed ? open("/dev/null", O_RDONLY) : -1;
        if (keyed && (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0))
            _exit(126);
        if (null_fd > STDIN_FILENO)
            close(null_fd);
    }
    if (!ready && cpu >= 0) {
        if (pin(0, cpu) != 0) {
            fprintf(stderr, "measure: cannot pin to CPU %ld: %s\n", cpu, strerror(errno));
            _exit(126);
        }
    }
    execvp(argv[0], argv);
    fprintf(stderr, "measure: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int main(int argc, char **argv)
{
    long cpu = -1, repeat = 1, run;
    int opt, i, status = 0, ready = 0, keyed = 0;
    char key[KEY_MAX + 2] = "";
    pid_t self = getpid();
    sigset_t block, orig_mask;
    struct sigaction sa;

    opterr = 0; /* our own one-line usage message instead */
    while ((opt = getopt(argc, argv, "+c:kn:r")) != -1) {
        if (opt == 'c' && parse_int(optarg, 0, CPU_SETSIZE - 1, &cpu) == 0)
            continue;
        if (opt == 'r') {
            ready = 1;
            continue;
        }
        if (opt == 'k') {
            keyed = 1;
            continue;
        }
        if (opt == 'n' && parse_int(optarg, 1, INT_MAX, &repeat) == 0)
            continue;
        fputs(USAGE, stderr);
        return 2;
    }
    if (optind >= argc || (ready && cpu < 0)) {
        fputs(USAGE, stderr);
        return 2;
    }
    argv += optind;
    if (keyed) {
        if (read_key(key) != 0) {
            fputs("measure: -k needs one line of at most 64 letters and digits on stdin\n",
                  stderr);
            return 2;
        }
        /* Undumpable: /proc/PID/mem, environ and fd of measure become root's, so the
         * program, running as the same user, cannot read the key. */
        if (prctl(PR_SET_DUMPABLE, 0) != 0) {
            fprintf(stderr, "measure: cannot hide the key: %s\n", strerror(errno));
            return 126;
        }
        strcat(key, " ");
    }
    signal(SIGPIPE, SIG_IGN); /* a program that exits before its cue */

    /* Handlers without SA_RESTART, so wait4() returns EINTR and we retry. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&block);
    for (i = 0; i < NFORWARDED; i++) {
        struct sigaction old;
        sigaction(forwarded_signals[i], NULL, &old);
        ignored[i] = old.sa_handler == SIG_IGN; /* e.g. nohup: keep it that way */
        if (!ignored[i]) {
            sigaction(forwarded_signals[i], &sa, NULL);
            sigaddset(&block, forwarded_signals[i]);
        }
    }

    for (run = 0; run < repeat; run++) {
        struct timespec t0, t1;
        struct rusage ru;
        struct snapshot window, end;
        char line[1024], window_s[512], exit_s[16] = "null", signal_s[16] = "null";
        char nonce[40] = "", nonce_s[48] = "null";
        pid_t pid, got;
        int len, pipes[2][2];

        if (ready && (pipe(pipes[0]) != 0 || pipe(pipes[1]) != 0)) {
            fprintf(stderr, "measure: pipe failed: %s\n", strerror(errno));
            return 126;
        }
        if (ready) {
            if (make_nonce(nonce) != 0) {
                fprintf(stderr, "measure: no random bytes: %s\n", strerror(errno));
                return 126;
            }
            snprintf(nonce_s, sizeof nonce_s, "\"%s\"", nonce);
        }

        /* Block the forwarded signals across fork() so none can arrive
         * between the child existing and child_pid naming it. */
        sigprocmask(SIG_BLOCK, &block, &orig_mask);
        if (received) { /* asked to stop: start no further runs */
            sigprocmask(SIG_SETMASK, &orig_mask, NULL);
            if (run == 0)
                return 128 + received;
            break;
        }
        read_snapshot(&window, cpu);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid = fork();
        if (pid == 0)
            run_child(argv, cpu, ready, keyed, pipes, self, &orig_mask);
        if (pid < 0) {
            fprintf(stderr, "measure: fork failed: %s\n", strerror(errno));
            return 126;
        }
        child_pid = pid;
        sigprocmask(SIG_SETMASK, &orig_mask, NULL);
        if (ready) {
            close(pipes[0][0]);
            close(pipes[1][1]);
            /* The nonce goes first, before the program can have read anything. */
            write_all(pipes[0][1], nonce, strlen(nonce));
            write_all(pipes[0][1], "\n", 1);
            relay(pipes[1][0], pipes[0][1], pid, cpu, &window);
        }

        memset(&ru, 0, sizeof ru);
        do
            got = wait4(pid, &status, 0, &ru);
        while (got < 0 && errno == EINTR);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        read_snapshot(&end, cpu);
        child_pid = 0;
        if (got < 0) {
            fprintf(stderr, "measure: wait4 failed: %s\n", strerror(errno));
            return 126;
        }
        describe_window(window_s, sizeof window_s, &window, &end, ready || cpu >= 0 ? cpu : -1,
                        seconds(ru.ru_utime) + seconds(ru.ru_stime));

        if (WIFEXITED(status))
            snprintf(exit_s, sizeof exit_s, "%d", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            snprintf(signal_s, sizeof signal_s, "%d", WTERMSIG(status));
        len = snprintf(line, sizeof line,
                       "\n@@implmatrix-process@@ %s{\"wall_s\": %.6f, \"max_rss_kb\": %ld, "
                       "\"user_s\": %.6f, \"sys_s\": %.6f, \"exit\": %s, \"signal\": %s, "
                       "\"nonce\": %s, \"interference\": %s}\n",
                       key, elapsed(t0, t1), ru.ru_maxrss, seconds(ru.ru_utime),
                       seconds(ru.ru_stime), exit_s, signal_s, nonce_s, window_s);
        if (len > 0)
            write_all(STDOUT_FILENO, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
    }

    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
