/**
 * The policy's timed rules as data.
 *
 * <p>Every timed rule of a ticket is a {@link io.guichet.core.deadline.Deadline}: a kind, a step and a due
 * instant. {@link io.guichet.core.deadline.DeadlinePlan} derives them from the ticket's state alone, and the desk
 * hands the plan to the {@link io.guichet.core.deadline.DeadlineStore} in the transaction of every change, so a
 * change that ends or alters a rule cancels or re-times its deadline with no extra code. A sweep claims the due
 * ones and the desk fires each after re-deriving the plan from the ticket as it is then: a late, repeated or racing
 * firing changes nothing twice.
 */
package io.guichet.core.deadline;
