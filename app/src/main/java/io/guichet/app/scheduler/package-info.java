/**
 * Quartz as Guichet's clock: a clustered scheduler on the JDBC job store in Guichet's own PostgreSQL, running thin
 * jobs that call the core (the deadline sweep every few seconds, the calendar notices by cron). Quartz types stay
 * in this package.
 */
package io.guichet.app.scheduler;
