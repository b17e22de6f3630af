// SPDX-License-Identifier: GPL-2.0-only
/*
 * One benchmark case: setup, the producer and consumer threads, and the
 * measured window between a warm-up and the end; see run.h.
 */

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cpu.h"
#include "path.h"
#include "run.h"

#define WARMUP_MS 500
#define STOP_CHECK_MS 50
#define DEQUEUE_SLICE_MS 100

int bench_run_fail(struct bench_run *run, int ret, const char *format, ...)
{
	va_list args;

	pthread_mutex_lock(&run->error_lock);
	if (!run->error[0]) {
		va_start(args, format);
		vsnprintf(run->error, sizeof(run->error), format, args);
		va_end(args);
	}
	pthread_mutex_unlock(&run->error_lock);
	atomic_store(&run->stop, true);
	return ret;
}

static void sleep_ns(uint64_t ns)
{
	struct timespec duration = { .tv_sec = (time_t)(ns / 1000000000u),
				     .tv_nsec = (long)(ns % 1000000000u) };

	clock_nanosleep(CLOCK_MONOTONIC, 0, &duration, NULL);
}

static void sleep_until_ns(uint64_t deadline)
{
	struct timespec when = { .tv_sec = (time_t)(deadline / 1000000000u),
				 .tv_nsec = (long)(deadline % 1000000000u) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &when, NULL) ==
	       EINTR)
		;
}

/* Sleeps ms, or less if the run stops meanwhile. */
static void sleep_while_running(struct bench_run *run, unsigned int ms)
{
	uint64_t end = bench_now_ns() + (uint64_t)ms * 1000000u;

	while (!bench_run_stopping(run) && bench_now_ns() < end)
		sleep_ns(STOP_CHECK_MS * 1000000u);
}

void bench_run_render(struct bench_run *run, uint8_t *frame, bool stamp_only)
{
	uint64_t sequence = bench_run_take_sequence(run);
	uint64_t start = bench_now_ns();

	if (stamp_only)
		bench_stamp_frame(frame, run->frame_size, sequence);
	else
		bench_render_frame(frame, run->image, run->frame_size,
				   sequence);
	if (atomic_load(&run->measuring)) {
		run->render_ns += bench_now_ns() - start;
		run->renders++;
	}
}

static void *producer_thread(void *arg)
{
	struct bench_run *run = arg;
	unsigned int fps = run->bcase->fps;
	uint64_t period = fps ? 1000000000u / fps : 0;
	uint64_t deadline = bench_now_ns();

	while (!bench_run_stopping(run)) {
		if (period) {
			sleep_until_ns(deadline);
			deadline += period;
		}
		if (run->bcase->path->produce(run))
			break;
	}
	return NULL;
}

static void record_arrival(struct bench_run *run,
			   const struct bench_stamps *stamps, uint64_t now)
{
	bool counting = atomic_load(&run->measuring);

	if (bench_integrity_arrived(&run->integrity, stamps, counting) &&
	    counting && now >= stamps->head.time_ns)
		bench_samples_add(&run->latencies, now - stamps->head.time_ns);
}

/* Dequeues a frame, checks it, holds it, checks it again, requeues it. */
static int consume_one(struct bench_run *run)
{
	struct bench_consumer *consumer = &run->consumer;
	struct bench_stamps arrival, release;
	const uint8_t *frame;
	uint32_t index;
	int ret = bench_consumer_dequeue(consumer, &index, DEQUEUE_SLICE_MS);

	if (ret == -EAGAIN)
		return 0;
	if (ret)
		return bench_run_fail(run, ret, "consumer: VIDIOC_DQBUF failed: "
				      "%s.", strerror(-ret));
	frame = consumer->buffers[index].data;
	bench_stamps_read(frame, run->frame_size, &arrival);
	record_arrival(run, &arrival, bench_now_ns());
	if (run->bcase->hold_us)
		sleep_ns((uint64_t)run->bcase->hold_us * 1000u);
	bench_stamps_read(frame, run->frame_size, &release);
	bench_integrity_released(&run->integrity, &arrival, &release,
				 atomic_load(&run->measuring));
	ret = bench_consumer_queue(consumer, index);
	if (ret)
		return bench_run_fail(run, ret, "consumer: VIDIOC_QBUF failed: "
				      "%s.", strerror(-ret));
	return 0;
}

static void *consumer_thread(void *arg)
{
	struct bench_run *run = arg;

	while (!bench_run_stopping(run) && !consume_one(run))
		;
	return NULL;
}

/*
 * With two CPUs or more, the producer runs on CPU 0 (where the copy
 * baselines are measured) and the consumer on CPU 1, as a camera pipeline
 * would be laid out; moving threads between CPUs would add its own cost.
 */
static void pin_to_cpu(pthread_attr_t *attr, int cpu)
{
	cpu_set_t set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_attr_setaffinity_np(attr, sizeof(set), &set);
}

static int start_thread(struct bench_run *run, pthread_t *thread, int cpu,
			void *(*body)(void *), const char *what)
{
	pthread_attr_t attr;
	int ret;

	pthread_attr_init(&attr);
	pin_to_cpu(&attr, cpu);
	ret = pthread_create(thread, &attr, body, run);
	pthread_attr_destroy(&attr);
	if (ret)
		return bench_run_fail(run, -ret, "starting the %s thread "
				      "failed: %s.", what, strerror(ret));
	return 0;
}

static int start_threads(struct bench_run *run, pthread_t *producer,
			 pthread_t *consumer)
{
	int ret = start_thread(run, consumer, 1, consumer_thread, "consumer");

	if (ret)
		return ret;
	ret = start_thread(run, producer, 0, producer_thread, "producer");
	if (ret)
		pthread_join(*consumer, NULL);
	return ret;
}

static uint64_t thread_cpu_ns(pthread_t thread)
{
	struct timespec used = { 0 };
	clockid_t clock;

	if (!pthread_getcpuclockid(thread, &clock))
		clock_gettime(clock, &used);
	return (uint64_t)used.tv_sec * 1000000000u + (uint64_t)used.tv_nsec;
}

/*
 * Warm-up, then the measured window; the CPU time of the system and of
 * both threads is read at both of its ends.
 */
static int measure(struct bench_run *run, pthread_t producer,
		   pthread_t consumer, struct bench_result *result)
{
	struct bench_cpu_times before, after;
	uint64_t start, end, producer_ns, consumer_ns;
	int ret;

	sleep_while_running(run, WARMUP_MS);
	ret = bench_cpu_read(&before);
	producer_ns = thread_cpu_ns(producer);
	consumer_ns = thread_cpu_ns(consumer);
	start = bench_now_ns();
	atomic_store(&run->measuring, true);
	sleep_while_running(run, run->bcase->measure_ms);
	atomic_store(&run->measuring, false);
	end = bench_now_ns();
	result->producer_seconds =
		(double)(thread_cpu_ns(producer) - producer_ns) / 1e9;
	result->consumer_seconds =
		(double)(thread_cpu_ns(consumer) - consumer_ns) / 1e9;
	if (!ret)
		ret = bench_cpu_read(&after);
	if (ret)
		return bench_run_fail(run, ret, "reading /proc/stat failed: %s: "
				      "mount /proc.", strerror(-ret));
	result->seconds = (double)(end - start) / 1e9;
	result->busy_seconds = bench_cpu_busy_seconds(&before, &after);
	return 0;
}

static void summarise(struct bench_run *run, struct bench_result *result)
{
	result->integrity = run->integrity;
	result->render_ms = run->renders ? (double)run->render_ns /
					   (double)run->renders / 1e6 : 0;
	result->latency_median_ms =
		(double)bench_samples_percentile(&run->latencies, 0.5) / 1e6;
	result->latency_p99_ms =
		(double)bench_samples_percentile(&run->latencies, 0.99) / 1e6;
}

static int stream(struct bench_run *run, struct bench_result *result)
{
	pthread_t producer, consumer;
	int ret = start_threads(run, &producer, &consumer);

	if (ret)
		return ret;
	measure(run, producer, consumer, result);
	atomic_store(&run->stop, true);
	pthread_join(producer, NULL);
	pthread_join(consumer, NULL);
	summarise(run, result);
	return 0;
}

static void run_init(struct bench_run *run, const struct bench_case *bcase,
		     const uint8_t *image)
{
	*run = (struct bench_run){
		.bcase = bcase,
		.image = image,
		.frame_size = (size_t)bcase->width * bcase->height * 2,
		.next_sequence = 1,
	};
	run->consumer.fd = -1;
	atomic_init(&run->stop, false);
	atomic_init(&run->measuring, false);
	pthread_mutex_init(&run->error_lock, NULL);
}

int bench_run_case(const struct bench_case *bcase, const uint8_t *image,
		   struct bench_result *result, char *error, size_t error_size)
{
	struct bench_consumer_request request = { 0 };
	struct bench_run run;
	char node[64] = "";
	int ret;

	run_init(&run, bcase, image);
	ret = bcase->path->open(&run, &request, node, sizeof(node));
	if (!ret) {
		request.node = node;
		ret = bench_consumer_start(&run.consumer, &request, run.error,
					   sizeof(run.error));
	}
	if (!ret)
		ret = stream(&run, result);
	bench_consumer_stop(&run.consumer);
	bcase->path->close(&run);
	bench_samples_free(&run.latencies);
	if (run.error[0]) {
		snprintf(error, error_size, "%s", run.error);
		if (!ret)
			ret = -EIO;
	}
	pthread_mutex_destroy(&run.error_lock);
	return ret;
}
