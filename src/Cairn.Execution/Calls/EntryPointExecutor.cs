using Cairn.Cairo.Memory;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Execution.State;
using Cairn.Primitives;

namespace Cairn.Execution.Calls;

/// <summary>
/// Runs one call against a <see cref="CachedState"/>: resolves the class (the contract's, or the
/// library call's), runs the entry point with a <see cref="StateSyscallHandler"/>, and records the
/// call tree. Inner calls go through the same path; a failed inner call's writes are rolled back
/// by the handler.
/// </summary>
public static class EntryPointExecutor
{
    public static CallInfo Execute(CachedState state, TransactionContext context, CallRequest request, ulong gas, int depth = 0)
    {
        var classHash = request.ClassHash ?? state.GetClassHashAt(request.StorageAddress);
        if (classHash.Value.IsZero) throw new ExecutionException($"Requested contract address {request.StorageAddress} is not deployed.");
        var compiled = state.GetCompiledClass(classHash) ?? throw new ExecutionException($"Class with hash {classHash} is not declared.");
        var info = new CallInfo(request, classHash);
        if (compiled.FindEntryPoint(request.EntryPointType, request.Selector) is null)
        {
            throw new ExecutionException($"Entry point {request.Selector} not found in contract.") { IsEntryPointNotFound = true };
        }
        var handler = new StateSyscallHandler(state, context, info, depth);
        EntryPointResult result;
        try
        {
            result = ContractEntryPointRunner.Run(compiled, request.EntryPointType, request.Selector, request.Calldata, gas, handler, context.RunOptions);
        }
        catch (Exception e) when (e is VmException or MemoryException)
        {
            throw new ExecutionException($"Error in the called contract ({request.StorageAddress}): {e.Message}", e);
        }
        info.Retdata = result.Retdata;
        info.Failed = result.Failed;
        info.GasConsumed = result.GasConsumed;
        info.Steps = result.Steps;
        info.BuiltinInstances = result.BuiltinInstances;
        info.TrackedResource = TrackedResourceOf(compiled);
        info.SyscallUsage = new Dictionary<Cairn.Cairo.Syscalls.SyscallSelector, Cairn.Cairo.Syscalls.SyscallUsage>(handler.Usage);
        return info;
    }

    /// <summary>
    /// Sierra gas for classes from Cairo ≥ 2.10 (Sierra ≥ 1.7.0, blockifier's <c>min_sierra_version_for_sierra_gas</c>),
    /// read from the CASM <c>compiler_version</c>; Cairo steps for older compilers and for classes without one
    /// of that form — Cairn's own system contracts, which do not meter their steps in Sierra gas.
    /// </summary>
    public static TrackedResource TrackedResourceOf(Cairn.Cairo.Programs.CasmContractClass compiled)
    {
        if (compiled.CompilerVersion is { } v && Version.TryParse(v.Split('-', '+')[0], out var version) && version >= new Version(2, 10, 0))
        {
            return TrackedResource.SierraGas;
        }
        return TrackedResource.CairoSteps;
    }

    /// <summary>Short-string names of Starknet's well-known failure felts.</summary>
    public static readonly Felt EntrypointNotFound = Felt.FromShortString("ENTRYPOINT_NOT_FOUND");
}
