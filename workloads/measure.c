/*
 * measure: run a program REPEAT times and report, for each run, its wall time,
 * peak RSS and CPU time as seen from outside the process.
 *
 *     measure [-c CPU [-r]] [-n REPEAT] -- PROGRAM [ARGS...]
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
 * iteration.  Its stdout passes through measure unchanged.
 *
 * After each run one line goes to stdout (the leading newline makes sure the
 * marker starts a line even if the program's output did not end with one):
 *
 *     \n@@implmatrix-process@@ {"wall_s": .., "max_rss_kb": .., "user_s": ..,
 *                               "sys_s": .., "exit": N|null, "signal": N|null}
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
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define USAGE "usage: measure [-c CPU [-r]] [-n REPEAT] -- PROGRAM [ARGS...]\n"
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
 * pin the child and answer on its stdin. */
static void relay(int from_child, int to_child, pid_t pid, long cpu)
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
static void run_child(char **argv, long cpu, int ready, int pipes[2][2], pid_t parent,
                      const sigset_t *orig_mask)
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
    } else if (cpu >= 0) {
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
    int opt, i, status = 0, ready = 0;
    pid_t self = getpid();
    sigset_t block, orig_mask;
    struct sigaction sa;

    opterr = 0; /* our own one-line usage message instead */
    while ((opt = getopt(argc, argv, "+c:n:r")) != -1) {
        if (opt == 'c' && parse_int(optarg, 0, CPU_SETSIZE - 1, &cpu) == 0)
            continue;
        if (opt == 'r') {
            ready = 1;
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
        char line[512], exit_s[16] = "null", signal_s[16] = "null";
        pid_t pid, got;
        int len, pipes[2][2];

        if (ready && (pipe(pipes[0]) != 0 || pipe(pipes[1]) != 0)) {
            fprintf(stderr, "measure: pipe failed: %s\n", strerror(errno));
            return 126;
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
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid = fork();
        if (pid == 0)
            run_child(argv, cpu, ready, pipes, self, &orig_mask);
        if (pid < 0) {
            fprintf(stderr, "measure: fork failed: %s\n", strerror(errno));
            return 126;
        }
        child_pid = pid;
        sigprocmask(SIG_SETMASK, &orig_mask, NULL);
        if (ready) {
            close(pipes[0][0]);
            close(pipes[1][1]);
            relay(pipes[1][0], pipes[0][1], pid, cpu);
        }

        memset(&ru, 0, sizeof ru);
        do
            got = wait4(pid, &status, 0, &ru);
        while (got < 0 && errno == EINTR);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        child_pid = 0;
        if (got < 0) {
            fprintf(stderr, "measure: wait4 failed: %s\n", strerror(errno));
            return 126;
        }

        if (WIFEXITED(status))
            snprintf(exit_s, sizeof exit_s, "%d", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            snprintf(signal_s, sizeof signal_s, "%d", WTERMSIG(status));
        len = snprintf(line, sizeof line,
                       "\n@@implmatrix-process@@ {\"wall_s\": %.6f, \"max_rss_kb\": %ld, "
                       "\"user_s\": %.6f, \"sys_s\": %.6f, \"exit\": %s, \"signal\": %s}\n",
                       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                       ru.ru_maxrss, seconds(ru.ru_utime), seconds(ru.ru_stime),
                       exit_s, signal_s);
        if (len > 0)
            write_all(STDOUT_FILENO, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
    }

    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
