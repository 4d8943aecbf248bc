using System.Security.Cryptography;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Syscalls;
using Cairn.Cairo.Vm;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Contracts;

/// <summary>The syscall ABI (request decoding, gas, responses) on hand-made requests.</summary>
public sealed class SyscallHandlerTests
{
    private sealed class Handler : SyscallHandlerBase
    {
        public Dictionary<Felt, Felt> Storage { get; } = [];

        public List<(IReadOnlyList<Felt> Keys, IReadOnlyList<Felt> Data)> Events { get; } = [];

        protected override Felt StorageRead(Felt key) => Storage.TryGetValue(key, out var v) ? v : Felt.Zero;

        protected override void StorageWrite(Felt key, Felt value) => Storage[key] = value;

        protected override void EmitEvent(IReadOnlyList<Felt> keys, IReadOnlyList<Felt> data) => Events.Add((keys, data));

        protected override Felt GetBlockHash(ulong blockNumber) =>
            blockNumber > 90 ? throw new SyscallRevertException("Block number out of range") : Felt.FromUInt64(blockNumber * 1000);

        protected override ExecutionInfo GetExecutionInfo() =>
            new(new BlockInfo(100, 1700, Felt.FromUInt64(5)), new TxInfo { Version = Felt.FromUInt64(3), Signature = [Felt.One, Felt.FromUInt64(2)], ChainId = Felt.FromShortString("SN_SEPOLIA") },
                Felt.FromUInt64(0xca11), Felt.FromUInt64(0xc0de), Felt.FromUInt64(0x5e1));
    }

    private readonly VirtualMachine _vm = new();
    private readonly Handler _handler = new();
    private readonly Relocatable _syscalls;

    public SyscallHandlerTests()
    {
        _syscalls = _vm.Memory.AddSegment();
        _handler.SyscallPointer = _syscalls;
    }

    private HintContext Context => _vm.HintContext;

    /// <summary>Writes a request at the handler's pointer, runs it, returns the response cells.</summary>
    private MaybeRelocatable[] Invoke(string selector, ulong gas, params MaybeRelocatable[] request)
    {
        var start = _handler.SyscallPointer;
        MaybeRelocatable[] cells = [Felt.FromShortString(selector), Felt.FromUInt64(gas), .. request];
        _vm.Memory.Load(start, cells);
        _handler.ExecuteSyscall(Context, start);
        var responseStart = start.Add(cells.Length);
        int n = (int)(_handler.SyscallPointer.Offset - responseStart.Offset);
        return Enumerable.Range(0, n).Select(i => _vm.Memory.Get(responseStart.Add(i))).ToArray();
    }

    private Relocatable Array(params Felt[] values)
    {
        var s = _vm.Memory.AddSegment();
        for (int i = 0; i < values.Length; i++) _vm.Memory.Insert(s.Add(i), values[i]);
        return s;
    }

    private Felt[] ReadSpan(MaybeRelocatable start, MaybeRelocatable end)
    {
        int n = (int)(end.Relocatable.Offset - start.Relocatable.Offset);
        return Enumerable.Range(0, n).Select(i => _vm.Memory.GetFelt(start.Relocatable.Add(i))).ToArray();
    }

    [Fact]
    public void Storage_write_then_read_charges_the_cost_beyond_the_prepaid_base()
    {
        var w = Invoke("StorageWrite", 50_000, Felt.Zero, Felt.FromUInt64(7), Felt.FromUInt64(99));
        Assert.Equal([Felt.FromUInt64(50_000), Felt.Zero], w.Select(c => c.Felt));
        var r = Invoke("StorageRead", 50_000, Felt.Zero, Felt.FromUInt64(7));
        Assert.Equal([Felt.FromUInt64(50_000), Felt.Zero, Felt.FromUInt64(99)], r.Select(c => c.Felt));

        // GetBlockHash costs 10 840: 840 beyond the 10 000 the compiled code pays.
        var h = Invoke("GetBlockHash", 5_000, Felt.FromUInt64(12));
        Assert.Equal([Felt.FromUInt64(4_160), Felt.Zero, Felt.FromUInt64(12_000)], h.Select(c => c.Felt));
        Assert.Equal(3, _handler.Usage.Count);
    }

    [Fact]
    public void Out_of_gas_and_reverts_write_a_failure_with_the_reason_in_a_new_segment()
    {
        var oog = Invoke("GetBlockHash", 839, Felt.FromUInt64(12));
        Assert.Equal(4, oog.Length);
        Assert.Equal(Felt.FromUInt64(839), oog[0].Felt);
        Assert.Equal(Felt.One, oog[1].Felt);
        Assert.Equal([Felt.FromShortString("Out of gas")], ReadSpan(oog[2], oog[3]));

        var revert = Invoke("GetBlockHash", 100_000, Felt.FromUInt64(95));
        Assert.Equal(Felt.One, revert[1].Felt);
        Assert.Equal([Felt.FromShortString("Block number out of range")], ReadSpan(revert[2], revert[3]));
    }

    [Fact]
    public void Emit_event_reads_both_spans()
    {
        var keys = Array(Felt.FromUInt64(1), Felt.FromUInt64(2));
        var data = Array(Felt.FromUInt64(3));
        Invoke("EmitEvent", 10_000, keys, keys.Add(2), data, data.Add(1));
        var ev = Assert.Single(_handler.Events);
        Assert.Equal([Felt.FromUInt64(1), Felt.FromUInt64(2)], ev.Keys);
        Assert.Equal([Felt.FromUInt64(3)], ev.Data);
    }

    [Fact]
    public void Execution_info_has_the_documented_layout_and_is_cached()
    {
        var r = Invoke("GetExecutionInfo", 10_000);
        var info = r[2].Relocatable;
        var m = _vm.Memory;
        var block = m.GetRelocatable(info);
        Assert.Equal([Felt.FromUInt64(100), Felt.FromUInt64(1700), Felt.FromUInt64(5)], [m.GetFelt(block), m.GetFelt(block.Add(1)), m.GetFelt(block.Add(2))]);
        var tx = m.GetRelocatable(info.Add(1));
        Assert.Equal(Felt.FromUInt64(3), m.GetFelt(tx));
        Assert.Equal([Felt.One, Felt.FromUInt64(2)], ReadSpan(m.Get(tx.Add(3)), m.Get(tx.Add(4))));
        Assert.Equal(Felt.FromShortString("SN_SEPOLIA"), m.GetFelt(tx.Add(6)));
        Assert.Equal(Felt.FromUInt64(0xca11), m.GetFelt(info.Add(2)));
        Assert.Equal(Felt.FromUInt64(0xc0de), m.GetFelt(info.Add(3)));
        Assert.Equal(Felt.FromUInt64(0x5e1), m.GetFelt(info.Add(4)));
        Assert.Equal(info, Invoke("GetExecutionInfo", 10_000)[2].Relocatable);
    }

    [Fact]
    public void Keccak_matches_keccak256_on_padded_input_and_checks_the_length()
    {
        var rng = new Random(3);
        for (int len = 0; len < 300; len += 37)
        {
            var bytes = new byte[len];
            rng.NextBytes(bytes);
            // Keccak pad10*1 to a multiple of 136 bytes, as the Cairo library does before the syscall.
            int padded = (len / 136 + 1) * 136;
            var block = new byte[padded];
            bytes.CopyTo(block, 0);
            block[len] ^= 0x01;
            block[padded - 1] ^= 0x80;
            var words = Enumerable.Range(0, padded / 8).Select(i => Felt.FromUInt64(BitConverter.ToUInt64(block, i * 8))).ToArray();
            var input = Array(words);
            var r = Invoke("Keccak", 10_000_000, input, input.Add(words.Length));
            Assert.Equal(Felt.Zero, r[1].Felt);
            var expected = Keccak256.Hash(bytes);
            var low = new System.Numerics.BigInteger(expected.AsSpan(0, 16), isUnsigned: true, isBigEndian: false);
            var high = new System.Numerics.BigInteger(expected.AsSpan(16, 16), isUnsigned: true, isBigEndian: false);
            Assert.Equal(low, r[2].Felt.ToBigInteger());
            Assert.Equal(high, r[3].Felt.ToBigInteger());
            Assert.Equal(Felt.FromUInt64(10_000_000 - (ulong)(padded / 136) * 171_707), r[0].Felt);
        }
        var bad = Array(Felt.One);
        var fail = Invoke("Keccak", 10_000_000, bad, bad.Add(1));
        Assert.Equal(Felt.One, fail[1].Felt);
        Assert.Equal([Felt.FromShortString("Invalid input length")], ReadSpan(fail[2], fail[3]));
    }

    [Fact]
    public void Sha256_process_block_matches_the_platform_sha256()
    {
        var msg = "abc"u8.ToArray();
        var block = new byte[64];
        msg.CopyTo(block, 0);
        block[3] = 0x80;
        block[63] = 24; // bit length
        var words = Enumerable.Range(0, 16).Select(i => Felt.FromUInt64(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(i * 4)))).ToArray();
        var state = Array(Sha256Compression.InitialState.ToArray().Select(w => Felt.FromUInt64(w)).ToArray());
        var input = Array(words);
        var r = Invoke("Sha256ProcessBlock", 1_000_000, state, input);
        Assert.Equal(Felt.Zero, r[1].Felt);
        var output = r[2].Relocatable;
        var digest = new byte[32];
        for (int i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4), (uint)_vm.Memory.GetFelt(output.Add(i)).ToUInt64());
        Assert.Equal(SHA256.HashData(msg), digest);
    }

    [Fact]
    public void Sha512_process_block_matches_the_platform_sha512_over_chained_blocks()
    {
        var rng = new Random(9);
        foreach (int len in new[] { 0, 3, 111, 112, 200 })
        {
            var msg = new byte[len];
            rng.NextBytes(msg);
            // FIPS 180-4 padding: 0x80, zeros, 128-bit big-endian bit length, to a multiple of 128 bytes.
            int padded = (len + 17 + 127) / 128 * 128;
            var data = new byte[padded];
            msg.CopyTo(data, 0);
            data[len] = 0x80;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(padded - 8), (ulong)len * 8);
            var state = Array(Sha512Compression.InitialState.ToArray().Select(w => Felt.FromUInt64(w)).ToArray());
            for (int b = 0; b < padded / 128; b++)
            {
                var words = Enumerable.Range(0, 16).Select(i => Felt.FromUInt64(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(b * 128 + i * 8)))).ToArray();
                var r = Invoke("Sha512ProcessBlock", 1_000_000, state, Array(words));
                Assert.Equal(Felt.Zero, r[1].Felt);
                state = r[2].Relocatable;
            }
            var digest = new byte[64];
            for (int i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(digest.AsSpan(i * 8), _vm.Memory.GetFelt(state.Add(i)).ToUInt64());
            Assert.Equal(SHA512.HashData(msg), digest);
        }
    }

    private static (Felt Low, Felt High) Limbs(System.Numerics.BigInteger v) =>
        (Felt.FromBigInteger(v & ((System.Numerics.BigInteger.One << 128) - 1)), Felt.FromBigInteger(v >> 128));

    private static System.Numerics.BigInteger U256(MaybeRelocatable low, MaybeRelocatable high) =>
        (high.Felt.ToBigInteger() << 128) | low.Felt.ToBigInteger();

    [Theory]
    [InlineData("k1")]
    [InlineData("r1")]
    public void Secp_syscalls_match_noble_curves(string curve)
    {
        string c = curve == "k1" ? "Secp256k1" : "Secp256r1";
        using var oracle = new Cairn.Testing.ScureOracle();
        var g = oracle.CallJson("secp_mul", [[curve, "1"]])[0];
        var gx = System.Numerics.BigInteger.Parse("0" + g.GetProperty("x").GetString()![2..], System.Globalization.NumberStyles.HexNumber);
        var gy = System.Numerics.BigInteger.Parse("0" + g.GetProperty("y").GetString()![2..], System.Globalization.NumberStyles.HexNumber);
        var (gxl, gxh) = Limbs(gx);
        var (gyl, gyh) = Limbs(gy);

        var created = Invoke(c + "New", 100_000_000, gxl, gxh, gyl, gyh);
        Assert.Equal(Felt.Zero, created[1].Felt);
        Assert.Equal(Felt.Zero, created[2].Felt); // Some
        var gHandle = created[3];
        var offCurve = Invoke(c + "New", 100_000_000, gxl, gxh, gyl + Felt.One, gyh);
        Assert.Equal([Felt.One, Felt.Zero], offCurve.Skip(2).Select(v => v.Felt));
        var fromX = Invoke(c + "GetPointFromX", 100_000_000, gxl, gxh, gy.IsEven ? Felt.Zero : Felt.One);
        Assert.Equal(Felt.Zero, fromX[2].Felt);
        var xy = Invoke(c + "GetXy", 100_000_000, fromX[3]);
        Assert.Equal(gy, U256(xy[4], xy[5]));

        var rng = new Random(curve.Length * 31 + c.Length);
        var scalars = new List<System.Numerics.BigInteger>();
        for (int i = 0; i < 12; i++)
        {
            var bytes = new byte[32];
            rng.NextBytes(bytes);
            scalars.Add(new System.Numerics.BigInteger(bytes, isUnsigned: true));
        }
        scalars.Add(2);
        var expected = oracle.CallJson("secp_mul", scalars.Select(k => new[] { curve, k.ToString() }).ToList());
        for (int i = 0; i < scalars.Count; i++)
        {
            var (kl, kh) = Limbs(scalars[i]);
            var product = Invoke(c + "Mul", 100_000_000, gHandle, kl, kh);
            var r = Invoke(c + "GetXy", 100_000_000, product[2]);
            Assert.Equal(expected[i].GetProperty("x").GetString(), "0x" + U256(r[2], r[3]).ToString("x").TrimStart('0'));
            Assert.Equal(expected[i].GetProperty("y").GetString(), "0x" + U256(r[4], r[5]).ToString("x").TrimStart('0'));
        }
        var doubled = Invoke(c + "Add", 100_000_000, gHandle, gHandle);
        var d = Invoke(c + "GetXy", 100_000_000, doubled[2]);
        Assert.Equal(expected[^1].GetProperty("x").GetString(), "0x" + U256(d[2], d[3]).ToString("x").TrimStart('0'));

        var max128 = Felt.FromBigInteger(System.Numerics.BigInteger.One << 128) - Felt.One;
        var tooBig = Invoke(c + "New", 100_000_000, max128, max128, Felt.Zero, Felt.Zero); // x = 2^256 - 1 >= p
        Assert.Equal(Felt.One, tooBig[1].Felt);
        Assert.Equal([Felt.FromShortString("Invalid argument")], ReadSpan(tooBig[2], tooBig[3]));
        Assert.Contains("Unknown secp point handle", Assert.Throws<HintException>(() => Invoke(c + "GetXy", 100_000_000, Felt.One)).Message);
    }

    [Fact]
    public void A_cairo0_only_selector_is_an_error() =>
        Assert.Contains("Unsupported syscall selector 'GetCallerAddress'", Assert.Throws<HintException>(() => Invoke("GetCallerAddress", 10_000)).Message);

    [Fact]
    public void A_nonzero_address_domain_is_an_error() =>
        Assert.Contains("Unsupported address domain", Assert.Throws<HintException>(() => Invoke("StorageRead", 10_000, Felt.One, Felt.One)).Message);

    [Fact]
    public void A_pointer_other_than_the_tracked_one_is_an_error() =>
        Assert.Contains("Bad syscall_ptr", Assert.Throws<HintException>(() => _handler.ExecuteSyscall(Context, _syscalls.Add(5))).Message);

    [Fact]
    public void Calls_are_errors_when_the_handler_has_no_world()
    {
        var calldata = Array();
        Assert.Contains("not supported", Assert.Throws<HintException>(() => Invoke("CallContract", 100_000, Felt.One, Felt.One, calldata, calldata)).Message);
    }
}
