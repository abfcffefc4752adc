package io.gladys.contract;

/**
 * Where the suite finds each GLADyS role. A role is found by the gRPC service its catalog entry names
 * as health service, not by the entry's name, so any stack that speaks the contracts can be checked.
 * A role that is null is absent: its checks are skipped.
 */
public record ContractTargets(Target memory, Target gateway, Target orchestrator, Target executive) {

    public static final String MEMORY = "gladys.memory.MemoryStorage";
    public static final String GATEWAY = "gladys.memory.SalienceGateway";
    public static final String ORCHESTRATOR = "gladys.v1.OrchestratorService";
    public static final String EXECUTIVE = "gladys.v1.ExecutiveService";

    /** One service: its catalog name and address. */
    public record Target(String name, String host, int port, String grpcService) {
        public String label() {
            return name + " (" + host + ":" + port + ")";
        }
    }
}
