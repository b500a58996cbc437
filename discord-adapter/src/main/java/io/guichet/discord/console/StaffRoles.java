package io.guichet.discord.console;

import java.util.Set;

/**
 * The Discord roles that may use the console: technicians act on tickets; managers change contacts, coverage and
 * versions. Checked by the console on every interaction, whatever the guild's command permissions say.
 */
public record StaffRoles(String technicianRoleId, String managerRoleId) {

    /** Who may run a command. */
    public enum Role {
        TECHNICIAN, MANAGER;

        String label() {
            return this == TECHNICIAN ? "technician" : "manager";
        }
    }

    boolean holds(Set<String> roleIds, Role role) {
        return roleIds.contains(role == Role.TECHNICIAN ? technicianRoleId : managerRoleId);
    }
}
