/** Outbound half of the e-mail channel: building safe messages from checked values. */
package io.guichet.mail.outbound;
