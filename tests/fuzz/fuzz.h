/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam-fuzz: several processes throw random sequences of ioctls, reads,
 * maps, polls and closes at /dev/vcam and the capture node at once, with
 * arguments drawn from valid values, boundaries and garbage.
 *
 * Every worker draws from its own generator seeded from --seed, so a run
 * replays with the same --seed and --ops (the interleaving of the processes,
 * and so what the kernel sees, can differ from one replay to the next).
 */
#ifndef VCAM_FUZZ_H
#define VCAM_FUZZ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum fuzz_role {
	FUZZ_PRODUCER,
	FUZZ_CONSUMER_A,
	FUZZ_CONSUMER_B,
	FUZZ_SYSFS_READER,
	FUZZ_REOPENER,
	FUZZ_ROLES
};

#define FUZZ_MAX_OPS 24

/* What a worker shows its supervisor, in memory shared by all. */
struct fuzz_heartbeat {
	atomic_uint_fast64_t ops;		/* operations done */
	atomic_uint_fast64_t progress_ns;	/* CLOCK_MONOTONIC of the last
						 * start or end of one */
	atomic_bool dying;			/* about to SIGKILL itself */
	char op[32];				/* the operation under way */
	/* Per operation of the role: runs, and runs where a call succeeded. */
	atomic_uint_fast64_t runs[FUZZ_MAX_OPS];
	atomic_uint_fast64_t successes[FUZZ_MAX_OPS];
};

struct fuzz_shared {
	atomic_int node;		/* N of the producer's /dev/videoN, or -1 */
	struct fuzz_heartbeat heartbeat[FUZZ_ROLES];
};

/* A splitmix64 generator. */
struct fuzz_rng {
	uint64_t state;
};

struct fuzz_worker;

/* One operation of a role; ctx is the role's own state. */
struct fuzz_op {
	const char *name;
	void (*run)(struct fuzz_worker *w, void *ctx);
	unsigned int weight;
};

struct fuzz_worker {
	enum fuzz_role role;
	struct fuzz_rng rng;
	uint64_t ops;			/* to do, by all workers together */
	uint64_t deadline_ns;		/* CLOCK_MONOTONIC; 0 for none */
	struct fuzz_shared *shared;
	struct fuzz_heartbeat *heartbeat;
	bool verbose;			/* print the table of operations */
	bool succeeded;			/* a call of this operation did */
};

/* rng.c */
void fuzz_rng_seed(struct fuzz_rng *rng, uint64_t seed, uint64_t stream);
uint64_t fuzz_u64(struct fuzz_rng *rng);
/* 0..n-1; 0 when n is 0. */
uint32_t fuzz_below(struct fuzz_rng *rng, uint32_t n);
bool fuzz_percent(struct fuzz_rng *rng, unsigned int percent);
/* Mostly one of valid[], else a boundary value or random bits. */
uint32_t fuzz_u32(struct fuzz_rng *rng, const uint32_t *valid, size_t count);
/* A pointer the kernel must refuse: NULL, unmapped, a kernel address. */
void *fuzz_bad_pointer(struct fuzz_rng *rng);
/* Mostly good, else fuzz_bad_pointer(), or good but straddling a hole. */
void *fuzz_pointer(struct fuzz_rng *rng, void *good, size_t size);
/* An fd that is not what the call wants: -1, closed, huge, /dev/null. */
int fuzz_bad_fd(struct fuzz_rng *rng);
void fuzz_rng_init_pages(void);

/* worker.c */
uint64_t fuzz_now_ns(void);
/* Operations done by all workers so far. */
uint64_t fuzz_total_ops(struct fuzz_shared *shared);
/*
 * Runs ops drawn by weight until all workers together did w->ops, or the
 * deadline passed: every role runs for the whole run.
 */
void fuzz_worker_loop(struct fuzz_worker *w, const struct fuzz_op *ops,
		      size_t count, void *ctx);
/* The same, calling before(w, ctx) ahead of each operation. */
void fuzz_worker_loop_with(struct fuzz_worker *w, const struct fuzz_op *ops,
			   size_t count, void *ctx,
			   void (*before)(struct fuzz_worker *w, void *ctx));
/* ioctl(), noting a success for the operation's statistics. */
int fuzz_ioctl(struct fuzz_worker *w, int fd, unsigned long request,
	       void *arg);
/* SIGKILLs the calling process, telling the supervisor it was on purpose. */
void fuzz_worker_die(struct fuzz_worker *w);

/* The roles; each returns the process's exit status. */
int fuzz_producer_run(struct fuzz_worker *w);
int fuzz_consumer_run(struct fuzz_worker *w);
int fuzz_sysfs_reader_run(struct fuzz_worker *w);
int fuzz_reopener_run(struct fuzz_worker *w);

/* supervisor.c */
struct fuzz_options {
	uint64_t seed;
	uint64_t ops;
	unsigned int seconds;		/* 0 for no limit */
	unsigned int stuck_seconds;
	bool verbose;
};

/* Runs every worker to the end; 0 if all went well, 1 otherwise. */
int fuzz_supervise(const struct fuzz_options *options);

#endif
