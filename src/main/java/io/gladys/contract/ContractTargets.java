package io.gladys.contract;

/**
 * Where the suite finds each GLADyS role. A role is found by the gRPC service its catalog entry names
 * as health service, not by the entry's name, so any stack that speaks the contracts can be checked.
 * A role that is null is absent: its checks are skipped with that reason.
 */
public record ContractTargets(Target memory, Target gateway, Target orchestrator, Target executive) {

    public static final String MEMORY = "gladys.memory.MemoryStorage";
    public static final String GATEWAY = "gladys.memory.SalienceGateway";
    public static final String ORCHESTRATOR = "gladys.v1.OrchestratorService";
    public static final String EXECUTIVE = "gladys.v1.ExecutiveService";

    /** The four GLADyS roles, each with the gRPC service that marks it. */
    public enum Role {
        MEMORY_STORAGE("memory storage", ContractTargets.MEMORY),
        SALIENCE_GATEWAY("salience gateway", ContractTargets.GATEWAY),
        ORCHESTRATOR("orchestrator", ContractTargets.ORCHESTRATOR),
        EXECUTIVE("executive", ContractTargets.EXECUTIVE);

        private final String description;
        private final String grpcService;

        Role(String description, String grpcService) {
            this.description = description;
            this.grpcService = grpcService;
        }

        public String description() {
            return description;
        }

        public String grpcService() {
            return grpcService;
        }

        /** Why a check of this role did not run. */
        public String absence() {
            return "no " + description + " in the catalog (no service names " + grpcService + ")";
        }
    }

    /** One service: its catalog name and address. */
    public record Target(String name, String host, int port, String grpcService) {
        public String label() {
            return name + " (" + host + ":" + port + ")";
        }
    }

    public Target of(Role role) {
        return switch (role) {
            case MEMORY_STORAGE -> memory;
            case SALIENCE_GATEWAY -> gateway;
            case ORCHESTRATOR -> orchestrator;
            case EXECUTIVE -> executive;
        };
    }

    public boolean isEmpty() {
        return memory == null && gateway == null && orchestrator == null && executive == null;
    }
}
