/* The machine's own speed over time, for `make bench` (part "drift").
 *
 * Usage: drift CPU SECONDS KB
 *
 * Pinned to CPU, repeats one fixed piece of work (a linear congruential generator
 * scattering STEPS additions over a table of KB kilobytes: integer arithmetic and
 * memory, no system calls, no allocation) for SECONDS and prints one line per
 * repeat: its start (seconds since the first) and its duration.  Nothing in it
 * changes from one repeat to the next, so any change in its duration is the
 * machine's: other virtual machines on the same host filling the cache it shares
 * with them, the host's CPU frequency, a hypervisor that steals time without
 * reporting it.  A small table stays in the core's own cache; a table of a few
 * megabytes lives in the last-level cache, which a virtual machine shares with the
 * host's other tenants.  No interpreter, JIT or garbage collector repeats more
 * closely than this on the same CPU.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define STEPS 300000L /* 0.5 ms (256 KB) to 3 ms (8 MB) on the 2-core build machine */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: drift CPU SECONDS KB\n");
        return 2;
    }
    /* A power of two of unsigned ints, so that a mask picks the slot. */
    unsigned long slots = 1;
    while (slots * 2 * sizeof(unsigned) <= strtoul(argv[3], NULL, 10) * 1024ul)
        slots *= 2;
    unsigned *table = calloc(slots, sizeof *table);
    if (table == NULL) {
        perror("drift: calloc");
        return 1;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(atoi(argv[1]), &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        perror("drift: sched_setaffinity");
        return 1;
    }
    double seconds = atof(argv[2]), start = now();
    unsigned x = 1;
    while (now() - start < seconds) {
        double t0 = now();
        for (long i = 0; i < STEPS; i++) {
            x = x * 1103515245u + 12345u;
            table[(x >> 8) & (slots - 1)] += x;
        }
        printf("%.4f %.7f\n", t0 - start, now() - t0);
    }
    /* The table's use keeps the compiler from dropping the loop. */
    return table[x & (slots - 1)] == 42u ? 3 : 0;
}
