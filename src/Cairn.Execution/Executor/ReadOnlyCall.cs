using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Execution.Calls;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Executor;

/// <summary>
/// <c>starknet_call</c>: runs an external entry point against a state without changing it (writes go to a
/// throwaway cache), with caller 0 and an empty transaction, and returns the return data. A panic is a
/// <see cref="ContractCallException"/> carrying the panic data (RPC error CONTRACT_ERROR).
/// </summary>
public static class ReadOnlyCall
{
    public static IReadOnlyList<Felt> Execute(IStateReader state, BlockInfo block, Felt chainId, ContractAddress address, Felt selector, IReadOnlyList<Felt> calldata)
    {
        var context = new TransactionContext(block, new TxInfo { ChainId = chainId });
        CallInfo info;
        try
        {
            info = EntryPointExecutor.Execute(new CachedState(state), context,
                new CallRequest(address, EntryPointType.External, selector, calldata, default), TransactionExecutor.ExecuteMaxSierraGas);
        }
        catch (ExecutionException e)
        {
            throw new ContractCallException(e.Message, [], e);
        }
        if (info.Failed) throw new ContractCallException("Execution failed. Failure reason: " + TransactionExecutor.Describe(info.Retdata) + ".", info.Retdata);
        return info.Retdata;
    }
}
