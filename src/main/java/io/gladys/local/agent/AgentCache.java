package io.gladys.local.agent;

import io.gladys.grpc.GrpcCallException;
import io.gladys.grpc.SalienceCache;
import io.gladys.proto.memory.CachedHeuristicInfo;
import io.gladys.proto.memory.GetCacheStatsResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The gateway's cache calls made by the stack agent over its warm channel. The answers travel as the
 * protobuf messages' bytes, so the goal parses exactly what the gateway sent, with protobuf alone. When
 * the agent stops answering, the call is made directly.
 */
final class AgentCache implements SalienceCache {

    private final AgentClient client;
    private final SalienceCache direct;
    private final String host;
    private final int port;
    private final String label;
    private final Duration deadline;
    private final Runnable absent;

    AgentCache(AgentClient client, SalienceCache direct, String host, int port, String label, Duration deadline,
               Runnable absent) {
        this.absent = absent;
        this.client = client;
        this.direct = direct;
        this.host = host;
        this.port = port;
        this.label = label;
        this.deadline = deadline;
    }

    @Override
    public GetCacheStatsResponse stats() {
        AgentMessage m = call("stats", null);
        if (m == null) {
            return direct.stats();
        }
        try {
            return GetCacheStatsResponse.parseFrom(Base64.getDecoder().decode(m.require("stats")));
        } catch (IOException e) {
            throw new GrpcCallException("The stack agent's answer for " + label + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<CachedHeuristicInfo> list(int limit) {
        AgentMessage m = call("list", String.valueOf(limit));
        if (m == null) {
            return direct.list(limit);
        }
        List<CachedHeuristicInfo> out = new ArrayList<>();
        for (String e : m.all("entry")) {
            try {
                out.add(CachedHeuristicInfo.parseFrom(Base64.getDecoder().decode(e)));
            } catch (IOException ex) {
                throw new GrpcCallException("The stack agent's answer for " + label + " cannot be read: "
                        + ex.getMessage(), ex);
            }
        }
        return out;
    }

    @Override
    public int flush() {
        AgentMessage m = call("flush", null);
        return m == null ? direct.flush() : Integer.parseInt(m.require("flushed"));
    }

    @Override
    public boolean evict(String heuristicId) {
        AgentMessage m = call("evict", heuristicId);
        return m == null ? direct.evict(heuristicId) : Boolean.parseBoolean(m.require("found"));
    }

    /** The agent's answer; null when no agent answers (the call is then made directly); a failed call throws. */
    private AgentMessage call(String what, String argument) {
        AgentMessage request = AgentMessage.request("cache").put("call", what).put("host", host).put("port", port)
                .put("label", label).put("deadline-ms", deadline.toMillis()).put("argument", argument).build();
        AgentMessage m;
        try {
            m = client.call(request, deadline.plusSeconds(5));
        } catch (IOException e) {
            absent.run();
            return null;
        }
        if (!m.isOk() && m.get("message").orElse("").startsWith(StackAgent.OTHER_BUILD)) {
            absent.run();
            return null;
        }
        if (!m.isOk()) {
            throw new GrpcCallException(m.get("message").orElse("The stack agent could not call " + label), null);
        }
        return m;
    }

    /** The agent's side: one cache call over its warm channel. */
    static AgentMessage answer(io.gladys.grpc.GrpcChannels channels, AgentMessage request) {
        SalienceCache cache = new io.gladys.grpc.SalienceCacheClient(channels.channel(request.require("host"),
                Integer.parseInt(request.require("port"))), request.require("label"),
                Duration.ofMillis(Long.parseLong(request.require("deadline-ms"))));
        try {
            return switch (request.require("call")) {
                case "stats" -> AgentMessage.ok().put("stats", Base64.getEncoder().encodeToString(
                        cache.stats().toByteArray())).build();
                case "list" -> {
                    AgentMessage.Builder b = AgentMessage.ok();
                    for (CachedHeuristicInfo i : cache.list(Integer.parseInt(request.get("argument").orElse("0")))) {
                        b.put("entry", Base64.getEncoder().encodeToString(i.toByteArray()));
                    }
                    yield b.build();
                }
                case "flush" -> AgentMessage.ok().put("flushed", cache.flush()).build();
                case "evict" -> AgentMessage.ok().put("found", cache.evict(request.require("argument"))).build();
                default -> AgentMessage.error("unknown cache call '" + request.require("call") + "'");
            };
        } catch (GrpcCallException e) {
            return AgentMessage.error(e.getMessage());
        }
    }
}
