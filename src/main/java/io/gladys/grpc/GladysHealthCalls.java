package io.gladys.grpc;

import io.gladys.proto.types.GetHealthDetailsRequest;
import io.gladys.proto.types.GetHealthDetailsResponse;
import io.gladys.proto.types.GetHealthRequest;
import io.gladys.proto.types.GetHealthResponse;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * GLADyS services carry GetHealth and GetHealthDetails on their own gRPC service (for example
 * gladys.memory.MemoryStorage), with shared messages. These descriptors call them on any service name.
 */
public final class GladysHealthCalls {

    private GladysHealthCalls() {
    }

    public static MethodDescriptor<GetHealthRequest, GetHealthResponse> getHealth(String service) {
        return MethodDescriptor.<GetHealthRequest, GetHealthResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "GetHealth"))
                .setRequestMarshaller(ProtoUtils.marshaller(GetHealthRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(GetHealthResponse.getDefaultInstance()))
                .build();
    }

    public static MethodDescriptor<GetHealthDetailsRequest, GetHealthDetailsResponse> getHealthDetails(String service) {
        return MethodDescriptor.<GetHealthDetailsRequest, GetHealthDetailsResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "GetHealthDetails"))
                .setRequestMarshaller(ProtoUtils.marshaller(GetHealthDetailsRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(GetHealthDetailsResponse.getDefaultInstance()))
                .build();
    }
}
