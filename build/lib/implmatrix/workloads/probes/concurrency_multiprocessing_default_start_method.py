# category: concurrency
# feature: multiprocessing default start method on Linux (fork; forkserver from 3.14)
# since: 3.4 (get_start_method), 3.14 (forkserver default)
import multiprocessing

if __name__ == "__main__":
    print("default start method=%s" % multiprocessing.get_start_method())
