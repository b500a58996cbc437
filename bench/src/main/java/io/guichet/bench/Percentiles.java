package io.guichet.bench;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** Latencies recorded in microseconds (HdrHistogram, 3 significant digits), printed in milliseconds. */
final class Percentiles {

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);

    synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    synchronized void recordMillis(long millis) {
        histogram.recordValue(Math.max(0, TimeUnit.MILLISECONDS.toMicros(millis)));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMs() {
        return histogram.getMaxValue() / 1000.0;
    }

    String summary() {
        return String.format("p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms (n=%d)", ms(50), ms(95), ms(99), maxMs(),
                count());
    }
}
