package com.plantar.protocol.vectors;

import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.Message;
import java.util.List;

/**
 * One shared vector: a payload, and what decoding it must give: the frames before the first invalid
 * one (all of them when {@code expect} is OK).
 */
public record VectorCase(String name, String description, byte[] payload, DecodeStatus expect,
    List<Message> frames) {}
