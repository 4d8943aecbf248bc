using Cairn.Cairo.Hints;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The Cairo 1 syscall ABI (cairo-vm.md §8.1–§8.4), independent of where state lives: it tracks the
/// syscall pointer, decodes each request, charges gas (§8.2), runs the syscall and writes the
/// success (<c>[gas, 0, response…]</c>) or failure (<c>[gas, 1, reason_start, reason_end]</c>)
/// response. The pure syscalls (Keccak, SHA-256, SHA-512, secp256k1/r1) are computed here; state, events, messages,
/// execution info and inner calls are left to the subclass — the in-memory handler of
/// <c>cairn run-contract</c> or the execution layer's state-backed one. A
/// <see cref="SyscallRevertException"/> from the subclass becomes a failure response; any other
/// error aborts the entry point.
/// </summary>
public abstract class SyscallHandlerBase : ISyscallHintHandler
{
    private static readonly Felt OutOfGas = Felt.FromShortString("Out of gas");
    private static readonly Felt EntrypointFailed = Felt.FromShortString("ENTRYPOINT_FAILED");
    private static readonly Felt InvalidInputLength = Felt.FromShortString("Invalid input length");
    private static readonly Dictionary<Felt, SyscallSelector> Selectors =
        Enum.GetValues<SyscallSelector>().ToDictionary(s => Felt.FromShortString(s.ToString()), s => s);

    private readonly Dictionary<SyscallSelector, SyscallUsage> _usage = [];
    private readonly List<(Relocatable Start, int Size)> _readOnlySegments = [];
    private Relocatable? _executionInfoPtr;
    private Relocatable? _sha256Segment;
    private Relocatable? _sha512Segment;
    private int _sha512Used;
    private SecpPoints? _secp;
    private int _sha256Used;

    protected SyscallHandlerBase(SyscallGasCosts? gasCosts = null) => GasCosts = gasCosts ?? SyscallGasCosts.V0_14_1;

    public SyscallGasCosts GasCosts { get; }

    /// <summary>The handler's syscall pointer: the next request starts here (set by the runner to the syscall segment's base).</summary>
    public Relocatable SyscallPointer { get; set; }

    /// <summary>Syscall counts and linear lengths of this call (§8.6).</summary>
    public IReadOnlyDictionary<SyscallSelector, SyscallUsage> Usage => _usage;

    /// <summary>Segments the handler wrote for the contract to read (execution info, inner retdata, …).</summary>
    public IReadOnlyList<(Relocatable Start, int Size)> ReadOnlySegments => _readOnlySegments;

    /// <inheritdoc />
    public void ExecuteSyscall(HintContext context, Relocatable syscallPtr)
    {
        if (syscallPtr != SyscallPointer) throw new HintException($"Bad syscall_ptr, Expected {SyscallPointer}, got {syscallPtr}.");
        var mem = context.Memory;
        var p = SyscallPointer;
        var selectorFelt = ReadFelt(mem, ref p, "selector");
        if (!Selectors.TryGetValue(selectorFelt, out var selector))
        {
            string name = selectorFelt.TryToShortString(out var s) && s.Length > 0 ? $"'{s}'" : selectorFelt.ToString();
            throw new HintException($"Unsupported syscall selector {name}");
        }
        ulong gas = ReadU64(mem, ref p, "gas");

        var request = new MaybeRelocatable[RequestSize(selector)];
        for (int i = 0; i < request.Length; i++)
        {
            if (!mem.TryGet(p, out request[i])) throw new HintException($"{selector}: request cell {p} is not set");
            p = p.Add(1);
        }

        long linear = selector is SyscallSelector.Deploy or SyscallSelector.MetaTxV0 ? SpanLength(request, 2, selector) : 0;
        ref var usage = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_usage, selector, out _);
        usage = new SyscallUsage(usage.CallCount + 1, usage.LinearLength + linear);

        long required = GasCosts.Cost(selector, linear) - SyscallGasCosts.SyscallBaseGasCost;
        if ((long)Math.Min(gas, long.MaxValue) < required)
        {
            WriteFailure(context, ref p, gas, [OutOfGas]);
        }
        else
        {
            ulong remaining = gas - (ulong)required;
            MaybeRelocatable[] response;
            try
            {
                response = Execute(context, selector, request, ref remaining);
            }
            catch (SyscallRevertException revert)
            {
                WriteFailure(context, ref p, remaining, revert.Reason);
                SyscallPointer = p;
                return;
            }
            mem.Insert(p, Felt.FromUInt64(remaining));
            mem.Insert(p.Add(1), Felt.Zero);
            p = p.Add(2);
            foreach (var v in response)
            {
                mem.Insert(p, v);
                p = p.Add(1);
            }
        }
        SyscallPointer = p;
    }

    /// <summary>Request words after <c>[selector, gas]</c> (§8.3).</summary>
    public static int RequestSize(SyscallSelector selector) => selector switch
    {
        SyscallSelector.CallContract or SyscallSelector.LibraryCall or SyscallSelector.EmitEvent => 4,
        SyscallSelector.Deploy => 5,
        SyscallSelector.MetaTxV0 => 6,
        SyscallSelector.GetBlockHash or SyscallSelector.GetClassHashAt or SyscallSelector.ReplaceClass => 1,
        SyscallSelector.GetExecutionInfo => 0,
        SyscallSelector.StorageRead => 2,
        SyscallSelector.StorageWrite or SyscallSelector.SendMessageToL1 => 3,
        SyscallSelector.Keccak or SyscallSelector.Sha256ProcessBlock or SyscallSelector.Sha512ProcessBlock => 2,
        SyscallSelector.Secp256k1New or SyscallSelector.Secp256r1New => 4,
        SyscallSelector.Secp256k1Add or SyscallSelector.Secp256r1Add => 2,
        SyscallSelector.Secp256k1Mul or SyscallSelector.Secp256r1Mul => 3,
        SyscallSelector.Secp256k1GetPointFromX or SyscallSelector.Secp256r1GetPointFromX => 3,
        _ => 1, // GetXy
    };

    private MaybeRelocatable[] Execute(HintContext context, SyscallSelector selector, MaybeRelocatable[] r, ref ulong remaining)
    {
        var mem = context.Memory;
        switch (selector)
        {
            case SyscallSelector.StorageRead:
                CheckAddressDomain(r[0]);
                return [StorageRead(AsFelt(r[1], "key"))];
            case SyscallSelector.StorageWrite:
                CheckAddressDomain(r[0]);
                StorageWrite(AsFelt(r[1], "key"), AsFelt(r[2], "value"));
                return [];
            case SyscallSelector.EmitEvent:
                EmitEvent(ReadSpan(mem, r, 0, "keys"), ReadSpan(mem, r, 2, "data"));
                return [];
            case SyscallSelector.GetBlockHash:
            {
                var n = AsFelt(r[0], "block_number");
                if (!n.TryToUInt64(out ulong number)) throw new HintException($"GetBlockHash: block number {n} does not fit in u64");
                return [GetBlockHash(number)];
            }
            case SyscallSelector.GetExecutionInfo:
                return [_executionInfoPtr ??= WriteExecutionInfo(mem, GetExecutionInfo())];
            case SyscallSelector.GetClassHashAt:
                return [GetClassHashAt(AsFelt(r[0], "contract_address"))];
            case SyscallSelector.SendMessageToL1:
                SendMessageToL1(AsFelt(r[0], "to_address"), ReadSpan(mem, r, 1, "payload"));
                return [];
            case SyscallSelector.ReplaceClass:
                ReplaceClass(AsFelt(r[0], "class_hash"));
                return [];
            case SyscallSelector.CallContract:
            {
                var result = CallContract(AsFelt(r[0], "contract_address"), AsFelt(r[1], "selector"), ReadSpan(mem, r, 2, "calldata"), remaining);
                return InnerCallResponse(mem, result, ref remaining);
            }
            case SyscallSelector.LibraryCall:
            {
                var result = LibraryCall(AsFelt(r[0], "class_hash"), AsFelt(r[1], "selector"), ReadSpan(mem, r, 2, "calldata"), remaining);
                return InnerCallResponse(mem, result, ref remaining);
            }
            case SyscallSelector.MetaTxV0:
            {
                var result = MetaTxV0(AsFelt(r[0], "contract_address"), AsFelt(r[1], "selector"), ReadSpan(mem, r, 2, "calldata"), ReadSpan(mem, r, 4, "signature"), remaining);
                return InnerCallResponse(mem, result, ref remaining);
            }
            case SyscallSelector.Deploy:
            {
                var fromZero = AsFelt(r[4], "deploy_from_zero");
                if (!fromZero.IsZero && fromZero != Felt.One) throw new HintException($"Deploy: deploy_from_zero must be 0 or 1, got {fromZero}");
                var (address, ctor) = Deploy(AsFelt(r[0], "class_hash"), AsFelt(r[1], "contract_address_salt"), ReadSpan(mem, r, 2, "constructor_calldata"), fromZero == Felt.One, remaining);
                var span = InnerCallResponse(mem, ctor, ref remaining);
                return [address, span[0], span[1]];
            }
            case SyscallSelector.Keccak:
                return Keccak(ReadSpan(mem, r, 0, "input"), ref remaining);
            case SyscallSelector.Sha256ProcessBlock:
                return [Sha256ProcessBlock(mem, AsRelocatable(r[0], "state_ptr"), AsRelocatable(r[1], "input_start"))];
            case SyscallSelector.Sha512ProcessBlock:
                return [Sha512ProcessBlock(mem, AsRelocatable(r[0], "state_ptr"), AsRelocatable(r[1], "input_start"))];
            case >= SyscallSelector.Secp256k1New and <= SyscallSelector.Secp256r1GetXy:
                return (_secp ??= new SecpPoints()).Execute(mem, selector, r);
            default:
                return ExecuteOther(context, selector, r, ref remaining);
        }
    }

    /// <summary>Syscalls the base does not implement: an error unless a subclass handles them.</summary>
    protected virtual MaybeRelocatable[] ExecuteOther(HintContext context, SyscallSelector selector, MaybeRelocatable[] request, ref ulong remaining) =>
        throw new HintException($"syscall {selector} is not supported by this handler");

    // ---- what subclasses provide ------------------------------------------------------------

    protected abstract Felt StorageRead(Felt key);

    protected abstract void StorageWrite(Felt key, Felt value);

    protected abstract void EmitEvent(IReadOnlyList<Felt> keys, IReadOnlyList<Felt> data);

    /// <summary>The hash of block <paramref name="blockNumber"/>; revert 'Block number out of range' when too recent.</summary>
    protected abstract Felt GetBlockHash(ulong blockNumber);

    protected abstract ExecutionInfo GetExecutionInfo();

    protected virtual Felt GetClassHashAt(Felt contractAddress) => throw Unsupported("GetClassHashAt");

    protected virtual void SendMessageToL1(Felt toAddress, IReadOnlyList<Felt> payload) => throw Unsupported("SendMessageToL1");

    protected virtual void ReplaceClass(Felt classHash) => throw Unsupported("ReplaceClass");

    protected virtual CallResult CallContract(Felt contractAddress, Felt selector, IReadOnlyList<Felt> calldata, ulong gas) => throw Unsupported("CallContract");

    protected virtual CallResult LibraryCall(Felt classHash, Felt selector, IReadOnlyList<Felt> calldata, ulong gas) => throw Unsupported("LibraryCall");

    protected virtual CallResult MetaTxV0(Felt contractAddress, Felt selector, IReadOnlyList<Felt> calldata, IReadOnlyList<Felt> signature, ulong gas) =>
        throw Unsupported("MetaTxV0");

    protected virtual (Felt Address, CallResult Constructor) Deploy(Felt classHash, Felt salt, IReadOnlyList<Felt> calldata, bool deployFromZero, ulong gas) =>
        throw Unsupported("Deploy");

    private static HintException Unsupported(string name) => new($"syscall {name} is not supported by this handler");

    // ---- pure syscalls ----------------------------------------------------------------------

    private MaybeRelocatable[] Keccak(IReadOnlyList<Felt> input, ref ulong remaining)
    {
        if (input.Count % 17 != 0) throw new SyscallRevertException([InvalidInputLength]);
        int rounds = input.Count / 17;
        ulong cost = (ulong)rounds * (ulong)GasCosts.KeccakRoundCost;
        if (cost > remaining) throw new SyscallRevertException([OutOfGas]);
        remaining -= cost;
        ref var usage = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_usage, SyscallSelector.Keccak, out _);
        usage = usage with { Rounds = usage.Rounds + rounds };

        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        for (int block = 0; block < rounds; block++)
        {
            for (int i = 0; i < 17; i++)
            {
                var w = input[block * 17 + i];
                if (!w.TryToUInt64(out ulong word)) throw new HintException($"Keccak: input word {block * 17 + i} ({w}) does not fit in u64");
                state[i] ^= word;
            }
            Crypto.Hashing.Keccak256.KeccakF1600(state);
        }
        var low = Felt.FromUInt128(((UInt128)state[1] << 64) | state[0]);
        var high = Felt.FromUInt128(((UInt128)state[3] << 64) | state[2]);
        return [low, high];
    }

    private Relocatable Sha256ProcessBlock(VmMemory mem, Relocatable statePtr, Relocatable inputPtr)
    {
        Span<uint> state = stackalloc uint[8];
        Span<uint> block = stackalloc uint[16];
        for (int i = 0; i < 8; i++) state[i] = (uint)ReadWord(mem, statePtr.Add(i), "sha256 state", 32);
        for (int i = 0; i < 16; i++) block[i] = (uint)ReadWord(mem, inputPtr.Add(i), "sha256 input", 32);
        Sha256Compression.Compress(state, block);
        var segment = _sha256Segment ??= mem.AddSegment();
        var output = segment.Add(_sha256Used);
        for (int i = 0; i < 8; i++) mem.Insert(output.Add(i), Felt.FromUInt64(state[i]));
        _sha256Used += 8;
        return output;
    }

    private Relocatable Sha512ProcessBlock(VmMemory mem, Relocatable statePtr, Relocatable inputPtr)
    {
        Span<ulong> state = stackalloc ulong[8];
        Span<ulong> block = stackalloc ulong[16];
        for (int i = 0; i < 8; i++) state[i] = ReadWord(mem, statePtr.Add(i), "sha512 state", 64);
        for (int i = 0; i < 16; i++) block[i] = ReadWord(mem, inputPtr.Add(i), "sha512 input", 64);
        Sha512Compression.Compress(state, block);
        var segment = _sha512Segment ??= mem.AddSegment();
        var output = segment.Add(_sha512Used);
        for (int i = 0; i < 8; i++) mem.Insert(output.Add(i), Felt.FromUInt64(state[i]));
        _sha512Used += 8;
        return output;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private MaybeRelocatable[] InnerCallResponse(VmMemory mem, CallResult result, ref ulong remaining)
    {
        remaining = result.GasConsumed >= remaining ? 0 : remaining - result.GasConsumed;
        if (result.Failed)
        {
            throw new SyscallRevertException([.. result.Retdata, EntrypointFailed]);
        }
        var (start, end) = WriteReadOnly(mem, result.Retdata);
        return [start, end];
    }

    /// <summary>Writes <paramref name="values"/> to a new segment the contract reads; returns its span.</summary>
    protected (Relocatable Start, Relocatable End) WriteReadOnly(VmMemory mem, IReadOnlyList<Felt> values)
    {
        var start = mem.AddSegment();
        for (int i = 0; i < values.Count; i++) mem.Insert(start.Add(i), values[i]);
        _readOnlySegments.Add((start, values.Count));
        return (start, start.Add(values.Count));
    }

    private Relocatable WriteExecutionInfo(VmMemory mem, ExecutionInfo info)
    {
        var block = WriteReadOnly(mem, [Felt.FromUInt64(info.Block.BlockNumber), Felt.FromUInt64(info.Block.BlockTimestamp), info.Block.SequencerAddress]).Start;
        var tx = info.Tx;
        var signature = WriteReadOnly(mem, tx.Signature);
        var bounds = new List<Felt>();
        foreach (var b in tx.ResourceBounds)
        {
            bounds.Add(b.Resource);
            bounds.Add(Felt.FromUInt64(b.MaxAmount));
            bounds.Add(Felt.FromUInt128(b.MaxPricePerUnit));
        }
        var resourceBounds = WriteReadOnly(mem, bounds);
        var paymaster = WriteReadOnly(mem, tx.PaymasterData);
        var deployment = WriteReadOnly(mem, tx.AccountDeploymentData);
        var proofFacts = WriteReadOnly(mem, tx.ProofFacts);
        var txInfo = mem.AddSegment();
        MaybeRelocatable[] txCells =
        [
            tx.Version, tx.AccountContractAddress, tx.MaxFee, signature.Start, signature.End,
            tx.TransactionHash, tx.ChainId, tx.Nonce, resourceBounds.Start, resourceBounds.End,
            tx.Tip, paymaster.Start, paymaster.End, tx.NonceDataAvailabilityMode, tx.FeeDataAvailabilityMode,
            deployment.Start, deployment.End, proofFacts.Start, proofFacts.End,
        ];
        mem.Load(txInfo, txCells);
        _readOnlySegments.Add((txInfo, txCells.Length));
        var exec = mem.AddSegment();
        MaybeRelocatable[] execCells = [block, txInfo, info.CallerAddress, info.ContractAddress, info.EntryPointSelector];
        mem.Load(exec, execCells);
        _readOnlySegments.Add((exec, execCells.Length));
        return exec;
    }

    private void WriteFailure(HintContext context, ref Relocatable p, ulong gas, IReadOnlyList<Felt> reason)
    {
        var mem = context.Memory;
        var start = mem.AddSegment();
        for (int i = 0; i < reason.Count; i++) mem.Insert(start.Add(i), reason[i]);
        mem.Insert(p, Felt.FromUInt64(gas));
        mem.Insert(p.Add(1), Felt.One);
        mem.Insert(p.Add(2), start);
        mem.Insert(p.Add(3), start.Add(reason.Count));
        p = p.Add(4);
    }

    private static void CheckAddressDomain(MaybeRelocatable v)
    {
        var domain = AsFelt(v, "address_domain");
        if (!domain.IsZero) throw new HintException($"Unsupported address domain: {domain}.");
    }

    private static long SpanLength(MaybeRelocatable[] r, int at, SyscallSelector selector)
    {
        var start = AsRelocatable(r[at], $"{selector} span start");
        var end = AsRelocatable(r[at + 1], $"{selector} span end");
        if (start.Segment != end.Segment || end.Offset < start.Offset) throw new HintException($"{selector}: invalid span {start}..{end}");
        return (long)(end.Offset - start.Offset);
    }

    private static IReadOnlyList<Felt> ReadSpan(VmMemory mem, MaybeRelocatable[] r, int at, string what)
    {
        var start = AsRelocatable(r[at], what + " start");
        var end = AsRelocatable(r[at + 1], what + " end");
        if (start.Segment != end.Segment || end.Offset < start.Offset) throw new HintException($"invalid {what} span {start}..{end}");
        int n = checked((int)(end.Offset - start.Offset));
        var values = new Felt[n];
        for (int i = 0; i < n; i++)
        {
            var at2 = start.Add(i);
            if (!mem.TryGet(at2, out var v) || !v.IsFelt) throw new HintException($"{what}[{i}] at {at2} is not a set felt");
            values[i] = v.FeltUnchecked;
        }
        return values;
    }

    private static Felt ReadFelt(VmMemory mem, ref Relocatable p, string what)
    {
        if (!mem.TryGet(p, out var v)) throw new HintException($"syscall {what} at {p} is not set");
        p = p.Add(1);
        return AsFelt(v, what);
    }

    private static ulong ReadU64(VmMemory mem, ref Relocatable p, string what)
    {
        var f = ReadFelt(mem, ref p, what);
        if (!f.TryToUInt64(out ulong v)) throw new HintException($"syscall {what} {f} does not fit in u64");
        return v;
    }

    /// <summary>A word of at most <paramref name="bits"/> bits (32 or 64) at <paramref name="at"/>.</summary>
    private static ulong ReadWord(VmMemory mem, Relocatable at, string what, int bits)
    {
        if (!mem.TryGet(at, out var v) || !v.IsFelt || !v.FeltUnchecked.TryToUInt64(out ulong x) || (bits < 64 && x >> bits != 0))
        {
            throw new HintException($"{what} at {at} must be a u{bits}");
        }
        return x;
    }

    private static Felt AsFelt(MaybeRelocatable v, string what) =>
        v.IsFelt ? v.FeltUnchecked : throw new HintException($"syscall {what} must be a felt, found {v}");

    private static Relocatable AsRelocatable(MaybeRelocatable v, string what) =>
        v.IsRelocatable ? v.RelocatableUnchecked : throw new HintException($"syscall {what} must be an address, found {v}");
}
