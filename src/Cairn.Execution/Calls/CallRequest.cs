using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Calls;

/// <summary>
/// One entry-point call: whose storage (<see cref="StorageAddress"/>), which code (the class at that
/// address, or <see cref="ClassHash"/> for a library call), which entry point, with what calldata,
/// from whom.
/// </summary>
public sealed record CallRequest(
    ContractAddress StorageAddress,
    EntryPointType EntryPointType,
    Felt Selector,
    IReadOnlyList<Felt> Calldata,
    ContractAddress Caller,
    CallType CallType = CallType.Call,
    ClassHash? ClassHash = null);
