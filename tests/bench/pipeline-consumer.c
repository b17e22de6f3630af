// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam-pipeline-consumer: the consumer of tests/bench/pipelines. It streams
 * a node with 4 MMAP buffers while a GStreamer pipeline feeds it, and
 * prints one line of key=value pairs: frames/s, the whole system's CPU per
 * frame, the pipeline process's CPU per frame, one memcpy of a frame (the
 * unit), the integrity counters, and the latency of delivery: from the
 * buffer's timestamp (when the driver took the frame) to its dequeue.
 *
 * Usage: vcam-pipeline-consumer NODE PIPELINE-PID WARMUP-MS MEASURE-MS CHECK
 * CHECK is "blink" for videotestsrc pattern=blink in YUYV (each frame all
 * black or all white): a frame whose first and last pixels differ is torn,
 * one that changes while held for 200 us is overwritten; or "none".
 */

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "consumer.h"
#include "cpu.h"
#include "stamp.h"
#include "stats.h"

struct window {
	uint64_t frames, dropped, torn, overwritten;
	uint32_t last_sequence;
	bool have_sequence;
	struct bench_samples latencies;	/* ns, of monotonic timestamps */
};

struct sample {
	uint64_t now_ns;
	struct bench_cpu_times cpu;
	double pipeline_s;
};

/* The first field of a task's schedstat: its time on a CPU, in ns. */
static int task_cpu_ns(pid_t pid, const char *task, uint64_t *ns)
{
	char path[320];
	unsigned long long on_cpu;
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/schedstat", (int)pid,
		 task);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	n = fscanf(f, "%llu", &on_cpu);
	fclose(f);
	if (n != 1)
		return -EINVAL;
	*ns = on_cpu;
	return 0;
}

/*
 * The process's CPU time, summed over its threads' schedstat (ns) rather
 * than read from /proc/PID/stat, which counts in ticks of 4 to 10 ms: too
 * coarse for a pipeline that spends a millisecond a frame at 2 frames/s.
 * A thread that exits between two samples takes its time with it; the
 * pipelines measured keep theirs while they stream.
 */
static int pipeline_cpu_seconds(pid_t pid, double *seconds)
{
	char path[64];
	struct dirent *entry;
	uint64_t total = 0, ns = 0;
	DIR *dir;
	int ret = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while (!ret && (entry = readdir(dir))) {
		if (entry->d_name[0] == '.')
			continue;
		ret = task_cpu_ns(pid, entry->d_name, &ns);
		if (ret == -ENOENT) {	/* the thread exited meanwhile */
			ret = 0;
			continue;
		}
		total += ns;
	}
	closedir(dir);
	*seconds = (double)total / 1e9;
	return ret;
}

static int take_sample(pid_t pid, struct sample *s)
{
	s->now_ns = bench_now_ns();
	if (bench_cpu_read(&s->cpu))
		return -EIO;
	return pipeline_cpu_seconds(pid, &s->pipeline_s);
}

static bool is_white(const uint8_t *frame, size_t at)
{
	return frame[at] > 128;
}

static int dequeue(struct bench_consumer *c, struct v4l2_buffer *buffer)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	int ret = poll(&pfd, 1, 5000);

	if (ret <= 0)
		return ret ? -errno : -ETIMEDOUT;
	*buffer = (struct v4l2_buffer){
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	return ioctl(c->fd, VIDIOC_DQBUF, buffer) ? -errno : 0;
}

static void note_latency(struct window *w, const struct v4l2_buffer *buffer,
			 uint64_t dequeued_ns)
{
	uint64_t taken_ns = (uint64_t)buffer->timestamp.tv_sec * 1000000000u +
			    (uint64_t)buffer->timestamp.tv_usec * 1000u;
	uint32_t type = buffer->flags & V4L2_BUF_FLAG_TIMESTAMP_MASK;

	/* v4l2loopback stamps with the monotonic clock but leaves the type
	 * unknown. */
	if ((type != V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC &&
	     type != V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN) || taken_ns > dequeued_ns)
		return;
	bench_samples_add(&w->latencies, dequeued_ns - taken_ns);
}

static void account(struct window *w, const struct bench_consumer *c,
		    const struct v4l2_buffer *buffer, bool blink)
{
	const uint8_t *frame = c->buffers[buffer->index].data;
	size_t last = c->sizeimage - 2;
	bool head = is_white(frame, 0), tail = is_white(frame, last);

	note_latency(w, buffer, bench_now_ns());

	if (w->have_sequence && buffer->sequence > w->last_sequence + 1)
		w->dropped += buffer->sequence - w->last_sequence - 1;
	w->last_sequence = buffer->sequence;
	w->have_sequence = true;
	w->frames++;
	if (!blink)
		return;
	w->torn += head != tail;
	usleep(200);
	w->overwritten += head != is_white(frame, 0) ||
			  tail != is_white(frame, last);
}

static int stream(struct bench_consumer *c, uint64_t until_ns,
		  struct window *w, bool blink)
{
	struct v4l2_buffer buffer;
	int ret;

	while (bench_now_ns() < until_ns) {
		ret = dequeue(c, &buffer);
		if (ret)
			return ret;
		account(w, c, &buffer, blink);
		ret = bench_consumer_queue(c, buffer.index);
		if (ret)
			return ret;
	}
	return 0;
}

static void pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void report(const struct sample *a, const struct sample *b,
		   struct window *w, double memcpy_ms)
{
	double seconds = (double)(b->now_ns - a->now_ns) / 1e9;
	double frames = w->frames ? (double)w->frames : 1.0;
	double cpu_ms = bench_cpu_busy_seconds(&a->cpu, &b->cpu) * 1e3 / frames;
	double pipeline_ms = (b->pipeline_s - a->pipeline_s) * 1e3 / frames;

	printf("fps=%.1f cpu_ms=%.3f cpu_memcpy=%.2f pipeline_ms=%.3f "
	       "pipeline_memcpy=%.2f memcpy_ms=%.3f frames=%" PRIu64
	       " dropped=%" PRIu64 " torn=%" PRIu64 " overwritten=%" PRIu64,
	       (double)w->frames / seconds, cpu_ms, cpu_ms / memcpy_ms,
	       pipeline_ms, pipeline_ms / memcpy_ms, memcpy_ms, w->frames,
	       w->dropped, w->torn, w->overwritten);
	if (w->latencies.count)
		printf(" latency_median_ms=%.2f latency_p99_ms=%.2f",
		       (double)bench_samples_percentile(&w->latencies, 0.5) /
		       1e6,
		       (double)bench_samples_percentile(&w->latencies, 0.99) /
		       1e6);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct bench_consumer consumer = { .fd = -1 };
	struct bench_consumer_request request = { .memory = BENCH_MEMORY_MMAP,
						  .count = 4 };
	struct bench_copy_costs costs;
	struct window warm = { 0 }, measured = { 0 };
	struct sample start, end;
	char error[256];
	pid_t pid;
	bool blink;
	int ret;

	if (argc != 6) {
		fprintf(stderr, "Usage: %s NODE PIPELINE-PID WARMUP-MS "
			"MEASURE-MS blink|none\n", argv[0]);
		return 2;
	}
	request.node = argv[1];
	pid = (pid_t)strtol(argv[2], NULL, 10);
	blink = strcmp(argv[5], "blink") == 0;
	pin_to_cpu(1);
	ret = bench_consumer_start(&consumer, &request, error, sizeof(error));
	if (ret) {
		fprintf(stderr, "vcam-pipeline-consumer: %s\n", error);
		return 1;
	}
	ret = bench_copy_costs_measure(consumer.sizeimage, &costs);
	if (!ret)
		ret = stream(&consumer, bench_now_ns() +
			     strtoull(argv[3], NULL, 10) * 1000000ull, &warm,
			     blink);
	if (!ret)
		ret = take_sample(pid, &start);
	measured.last_sequence = warm.last_sequence;
	measured.have_sequence = warm.have_sequence;
	if (!ret)
		ret = stream(&consumer, start.now_ns +
			     strtoull(argv[4], NULL, 10) * 1000000ull,
			     &measured, blink);
	if (!ret)
		ret = take_sample(pid, &end);
	bench_consumer_stop(&consumer);
	if (ret) {
		fprintf(stderr, "vcam-pipeline-consumer: %s: %s\n", argv[1],
			strerror(-ret));
		return 1;
	}
	report(&start, &end, &measured, costs.memcpy_ms);
	bench_samples_free(&warm.latencies);
	bench_samples_free(&measured.latencies);
	return 0;
}
