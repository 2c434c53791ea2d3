package com.plantar.gateway.ingest;

import com.plantar.protocol.MessageType;

/**
 * A frame the gateway accepted from a device, exactly as it arrived (CRC included), with what the
 * ingest path learned about it. {@code seq} is the DATA sequence number, or -1 for other types.
 * {@code receivedUtcUs} is the gateway's wall clock at receipt (not the sample time).
 */
public record AcceptedFrame(String tenant, long deviceId, long bootId, MessageType type, long seq,
    int compatFlags, long receivedUtcUs, byte[] bytes) {}
