/**
 * Commands to devices ({@code rebirth}, {@code start}/{@code stop}, {@code set_rate}, {@code tare},
 * {@code resend}; PROTOCOL.md §11). Single-node mode sends them through its own MQTT server ({@link
 * com.plantar.gateway.command.LocalCommands}); cluster mode routes them through Kafka to whichever
 * instance holds the device's connection (SCALING.md).
 */
package com.plantar.gateway.command;
