using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>
/// <see cref="Account"/> against the real OpenZeppelin account (the <c>contracts_MockAccount</c>
/// fixture, Cairo 2.10) as a behavioural oracle: both deployed in one <see cref="InMemoryWorld"/> with
/// the same key, every entry point called with the same inputs, and retdata / panic data, storage
/// and events compared.
/// </summary>
public sealed class AccountTests(ITestOutputHelper output)
{
    private static readonly Lazy<CasmContractClass> OzClass = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_MockAccount")));
    private static readonly Lazy<CasmContractClass> Erc20Class = new(() => CasmContractClass.Parse(ContractFixtures.CasmJson("contracts_TestERC20")));
    private static readonly Felt OzHash = Felt.FromUInt64(0x0a);
    private static readonly Felt CairnHash = Felt.FromUInt64(0xca);
    private static readonly Felt TokenHash = Felt.FromUInt64(0x7c);
    private static readonly Felt Oz = Felt.FromUInt64(0xa000);
    private static readonly Felt Cairn = Felt.FromUInt64(0xc000);
    private static readonly Felt OzToken = Felt.FromUInt64(0x7000);
    private static readonly Felt CairnToken = Felt.FromUInt64(0x7001);
    private static readonly Felt Bob = Felt.FromUInt64(0xb0b);
    private static readonly Felt PrivateKey = Felt.Parse("0x4c0ffee1234567890abcdef");
    private static readonly Felt PublicKey = Ecdsa.GetPublicKey(PrivateKey);
    private const ulong Gas = 100_000_000;

    private static Felt S(string name) => StarknetKeccak.Selector(name);

    /// <summary>A world with both accounts constructed with <see cref="PublicKey"/> (and a token for each, 1000 minted to it).</summary>
    private static InMemoryWorld World()
    {
        var world = new InMemoryWorld();
        world.Classes[OzHash] = OzClass.Value;
        world.Classes[CairnHash] = Account.Contract.Class;
        world.Classes[TokenHash] = Erc20Class.Value;
        world.Contracts[Oz] = OzHash;
        world.Contracts[Cairn] = CairnHash;
        world.Contracts[OzToken] = TokenHash;
        world.Contracts[CairnToken] = TokenHash;
        world.Tx = new TxInfo { Version = Felt.FromUInt64(3), ChainId = Felt.FromShortString("SN_SEPOLIA") };
        foreach (var (acc, cls) in new[] { (Oz, OzHash), (Cairn, CairnHash) })
        {
            var r = InMemorySyscallHandler.RunCall(world, EntryPointType.Constructor, acc, cls, Felt.Zero, S("constructor"), [PublicKey], Gas);
            Assert.False(r.Failed, $"constructor failed: {string.Join(",", r.Retdata)}");
        }
        foreach (var (token, owner) in new[] { (OzToken, Oz), (CairnToken, Cairn) })
        {
            var r = InMemorySyscallHandler.RunCall(world, EntryPointType.Constructor, token, TokenHash, owner, S("constructor"),
                [Felt.FromUInt64(1000), Felt.Zero, Felt.FromUInt64(18)], Gas);
            Assert.False(r.Failed);
        }
        return world;
    }

    private sealed record Outcome(bool Failed, IReadOnlyList<Felt> Retdata, IReadOnlyList<(Felt Key, Felt Value)> Storage, IReadOnlyList<string> Events, long Steps);

    private static Outcome Call(InMemoryWorld world, Felt account, string entry, IReadOnlyList<Felt> calldata, Felt? caller = null)
    {
        var cls = world.Contracts[account];
        int events = world.Events.Count;
        var snapshot = world.Snapshot();
        var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, account, cls, caller ?? Felt.Zero, S(entry), calldata, Gas);
        if (r.Failed) world.Restore(snapshot);
        var storage = world.Storage.Where(kv => kv.Key.Address == account).Select(kv => (kv.Key.Key, kv.Value)).OrderBy(kv => kv.Key.ToBigInteger()).ToList();
        // The accounts and their tokens have different addresses: events name them by role.
        string Name(Felt f) => f == Oz || f == Cairn ? "ACCOUNT" : f == OzToken || f == CairnToken ? "TOKEN" : f.ToString();
        var evs = world.Events.Skip(events).Select(e => string.Join(",", e.Keys.Select(Name)) + "|" + string.Join(",", e.Data.Select(Name))).ToList();
        return new Outcome(r.Failed, r.Retdata, storage, evs, r.Steps);
    }

    /// <summary>Runs the same call on both accounts (each in its own world) and asserts the same outcome; returns Cairn's.</summary>
    private Outcome Same(string entry, IReadOnlyList<Felt> calldata, TxInfo? tx = null, Felt? caller = null, Func<Felt, IReadOnlyList<Felt>>? perAccount = null,
        Action<InMemoryWorld, Felt>? setup = null)
    {
        var ozWorld = World();
        var cairnWorld = World();
        setup?.Invoke(ozWorld, Oz);
        setup?.Invoke(cairnWorld, Cairn);
        if (tx is not null)
        {
            ozWorld.Tx = tx with { AccountContractAddress = Oz };
            cairnWorld.Tx = tx with { AccountContractAddress = Cairn };
        }
        var oz = Call(ozWorld, Oz, entry, perAccount?.Invoke(Oz) ?? calldata, caller);
        var cairn = Call(cairnWorld, Cairn, entry, perAccount?.Invoke(Cairn) ?? calldata, caller);
        string Show(Outcome o) => $"failed={o.Failed} retdata=[{string.Join(", ", o.Retdata)}]";
        Assert.True(oz.Failed == cairn.Failed && oz.Retdata.SequenceEqual(cairn.Retdata),
            $"{entry}: OZ {Show(oz)} vs Cairn {Show(cairn)}");
        Assert.True(oz.Storage.SequenceEqual(cairn.Storage), $"{entry}: storage OZ [{string.Join(", ", oz.Storage)}] vs Cairn [{string.Join(", ", cairn.Storage)}]");
        Assert.True(oz.Events.SequenceEqual(cairn.Events), $"{entry}: events OZ [{string.Join("; ", oz.Events)}] vs Cairn [{string.Join("; ", cairn.Events)}]");
        output.WriteLine($"{entry}: {Show(cairn)}; steps OZ {oz.Steps}, Cairn {cairn.Steps}");
        return cairn;
    }

    private static TxInfo Signed(Felt hash, Felt version, params Felt[] signatureOverride)
    {
        var sig = Ecdsa.Sign(PrivateKey, hash);
        return new TxInfo
        {
            Version = version,
            TransactionHash = hash,
            Signature = signatureOverride.Length > 0 ? signatureOverride : [sig.R, sig.S],
            ChainId = Felt.FromShortString("SN_SEPOLIA"),
        };
    }

    [Fact]
    public void Constructor_storage_and_events_match_OpenZeppelin()
    {
        var oz = World();
        var ozStorage = oz.Storage.Where(kv => kv.Key.Address == Oz).Select(kv => (kv.Key.Key, kv.Value)).OrderBy(kv => kv.Key.ToBigInteger()).ToList();
        var cairnStorage = oz.Storage.Where(kv => kv.Key.Address == Cairn).Select(kv => (kv.Key.Key, kv.Value)).OrderBy(kv => kv.Key.ToBigInteger()).ToList();
        Assert.Equal(ozStorage, cairnStorage);
        Assert.Contains((Account.PublicKeyAddress, PublicKey), cairnStorage);
        Assert.Contains((StorageLayout.MapAddress(Account.SupportedInterfacesBase, Account.Isrc6Id), Felt.One), cairnStorage);
        var ozEvents = oz.Events.Where(e => e.FromAddress == Oz).Select(e => (string.Join(",", e.Keys), string.Join(",", e.Data))).ToList();
        var cairnEvents = oz.Events.Where(e => e.FromAddress == Cairn).Select(e => (string.Join(",", e.Keys), string.Join(",", e.Data))).ToList();
        Assert.Equal(ozEvents, cairnEvents);
        Assert.Single(cairnEvents);
    }

    [Fact]
    public void The_class_round_trips_through_json_and_has_the_oz_selectors()
    {
        var c = Account.Contract;
        var parsed = CasmContractClass.Parse(c.Json);
        Assert.Equal(c.Class.Bytecode, parsed.Bytecode);
        Assert.Equal(c.Json, parsed.ToJson());
        Assert.NotEqual(Felt.Zero, c.CompiledClassHashBlake);
        // Every external entry point of the OZ account but the optional set_public_key/setPublicKey and upgrade.
        var ours = c.Class.External.Select(e => e.Selector).ToHashSet();
        var missing = OzClass.Value.External.Select(e => e.Selector).Where(sel => !ours.Contains(sel)).ToHashSet();
        Assert.Equal(new[] { S("set_public_key"), S("setPublicKey"), S("upgrade") }.ToHashSet(), missing);
        Assert.All(ours, sel => Assert.Contains(OzClass.Value.External, e => e.Selector == sel));
        Assert.Equal(S("constructor"), Assert.Single(c.Class.Constructor).Selector);
    }

    [Fact]
    public void Getters_and_src5_match()
    {
        Assert.Equal([PublicKey], Same("get_public_key", []).Retdata);
        Assert.Equal([PublicKey], Same("getPublicKey", []).Retdata);
        Assert.Equal([Felt.One], Same("supports_interface", [Account.Isrc5Id]).Retdata);
        Assert.Equal([Felt.One], Same("supports_interface", [Account.Isrc6Id]).Retdata);
        Assert.Equal([Felt.Zero], Same("supports_interface", [Felt.FromUInt64(12345)]).Retdata);
        Assert.True(Same("supports_interface", []).Failed);
        // A stored flag other than 0/1 (not writable through the contract, but storage can be seeded at genesis).
        var id = Felt.FromUInt64(0x5eed);
        Assert.Equal([Felt.One], Same("supports_interface", [id],
            setup: (w, a) => w.Storage[(a, StorageLayout.MapAddress(Account.SupportedInterfacesBase, id))] = Felt.One).Retdata);
        Same("supports_interface", [id], setup: (w, a) => w.Storage[(a, StorageLayout.MapAddress(Account.SupportedInterfacesBase, id))] = Felt.FromUInt64(2));
        Assert.True(Same("get_public_key", [Felt.One]).Failed);
    }

    [Fact]
    public void Is_valid_signature_matches()
    {
        var hash = Felt.Parse("0x123456789abcdef");
        var sig = Ecdsa.Sign(PrivateKey, hash);
        foreach (var entry in new[] { "is_valid_signature", "isValidSignature" })
        {
            Assert.Equal([Account.Validated], Same(entry, [hash, Felt.FromUInt64(2), sig.R, sig.S]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash + Felt.One, Felt.FromUInt64(2), sig.R, sig.S]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash, Felt.FromUInt64(2), sig.R, sig.S + Felt.One]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash, Felt.FromUInt64(3), sig.R, sig.S, Felt.Zero]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash, Felt.One, sig.R]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash, Felt.Zero]).Retdata);
            Assert.Equal([Felt.Zero], Same(entry, [hash, Felt.FromUInt64(2), Felt.Zero, Felt.Zero]).Retdata);
            Assert.True(Same(entry, [hash, Felt.FromUInt64(3), sig.R, sig.S]).Failed); // array longer than the calldata
            Assert.True(Same(entry, [hash, Felt.FromUInt64(2), sig.R, sig.S, Felt.One]).Failed); // input too long
        }
    }

    /// <summary>
    /// The OZ account checks signatures with corelib's <c>check_ecdsa_signature</c>: edge cases of r, s,
    /// the hash and the key through <c>is_valid_signature</c> compare Cairn's ECDSA code with corelib's.
    /// </summary>
    [Fact]
    public void Ecdsa_edge_cases_match_corelib()
    {
        var n = Crypto.Curve.StarkCurve.Order;
        var hash = Felt.Parse("0x2d6479c0758efbb5aa07d35ed5454d728637fceab7ba544d3ea95403a5630a8");
        var sig = Ecdsa.Sign(PrivateKey, hash);
        var negS = Felt.FromBigInteger(Crypto.Curve.StarkCurve.OrderInteger - sig.S.ToBigInteger());
        var big = Ecdsa.MaxValue + Felt.FromUInt64(99);
        var offCurve = Felt.FromUInt64(1);
        while (Crypto.Curve.StarkCurve.IsOnCurveX(offCurve)) offCurve += Felt.One;
        var cases = new (Felt Hash, Felt R, Felt S)[]
        {
            (hash, sig.R, sig.S), (hash, sig.R, negS), (hash + n, sig.R, sig.S), (hash, sig.R, Felt.Zero), (hash, Felt.Zero, sig.S),
            (hash, n, sig.S), (hash, sig.R, n), (hash, offCurve, sig.S), (hash, sig.R, -Felt.One), (hash, big, sig.S), (big, sig.R, sig.S),
            (-Felt.One, sig.R, sig.S), (Felt.Zero, sig.R, sig.S), (hash, sig.S, sig.R), (hash, sig.R, big),
        };
        foreach (var (h, r, s) in cases)
        {
            var expected = Same("is_valid_signature", [h, Felt.FromUInt64(2), r, s]);
            Assert.False(expected.Failed);
        }
        // A key that is not on the curve, and key 0.
        foreach (var key in new[] { offCurve, Felt.Zero })
        {
            Same("is_valid_signature", [hash, Felt.FromUInt64(2), sig.R, sig.S], setup: (w, a) => w.Storage[(a, Account.PublicKeyAddress)] = key);
        }
    }

    [Fact]
    public void Validate_entry_points_match()
    {
        var hash = Felt.Parse("0x7e57");
        var good = Signed(hash, Felt.FromUInt64(3));
        var bad = Signed(hash, Felt.FromUInt64(3), Ecdsa.Sign(PrivateKey, hash + Felt.One).R, Ecdsa.Sign(PrivateKey, hash).S);
        var longSig = Signed(hash, Felt.FromUInt64(3), Ecdsa.Sign(PrivateKey, hash).R, Ecdsa.Sign(PrivateKey, hash).S, Felt.Zero);
        Felt[] calls = [Felt.One, Bob, S("transfer"), Felt.FromUInt64(3), Bob, Felt.FromUInt64(5), Felt.Zero];
        foreach (var (entry, calldata) in new (string, Felt[])[]
        {
            ("__validate__", calls),
            ("__validate__", [Felt.Zero]),
            ("__validate_declare__", [Felt.FromUInt64(0xc1a55)]),
            ("__validate_deploy__", [Felt.FromUInt64(0xc1a55), Felt.FromUInt64(7), PublicKey]),
        })
        {
            Assert.Equal([Account.Validated], Same(entry, calldata, good).Retdata);
            var failed = Same(entry, calldata, bad);
            Assert.True(failed.Failed);
            Assert.Equal([Felt.FromShortString("Account: invalid signature")], failed.Retdata);
            Assert.True(Same(entry, calldata, longSig).Failed);
            Assert.True(Same(entry, [.. calldata, Felt.One], good).Failed); // input too long
        }
        // Malformed Array<Call>: too short, an address ≥ 2^251, a calldata array longer than the input.
        Assert.True(Same("__validate__", [Felt.FromUInt64(2), Bob, S("x"), Felt.Zero], good).Failed);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #1")], Same("__validate__", [Felt.One, Ecdsa.MaxValue, S("x"), Felt.Zero], good).Retdata);
        Assert.Equal([Felt.FromShortString("Index out of bounds")], Same("__validate__", [Felt.One, Bob, S("x"), Felt.FromUInt64(4), Felt.One], good).Retdata);
        Assert.Equal([Felt.FromShortString("Failed to deserialize param #1")],
            Same("__validate__", [Felt.One, Bob, S("x"), Felt.FromBigInteger(System.Numerics.BigInteger.One << 32), Felt.One], good).Retdata);
        Assert.False(Same("__validate__", [Felt.One, Ecdsa.MaxValue - Felt.One, S("x"), Felt.One, Felt.One], good).Failed);
        Assert.True(Same("__validate__", [], good).Failed);
    }

    [Fact]
    public void Execute_matches()
    {
        var tx = Signed(Felt.Parse("0xe3ec"), Felt.FromUInt64(3));
        // A multicall into the account's own token (its address differs per account) and a getter of the other account.
        IReadOnlyList<Felt> Multicall(Felt account)
        {
            var token = account == Oz ? OzToken : CairnToken;
            return [Felt.FromUInt64(3),
                token, S("transfer"), Felt.FromUInt64(3), Bob, Felt.FromUInt64(250), Felt.Zero,
                token, S("balance_of"), Felt.One, Bob,
                account == Oz ? Cairn : Oz, S("get_public_key"), Felt.Zero];
        }
        var ok = Same("__execute__", [], tx, perAccount: Multicall);
        Assert.False(ok.Failed);
        Assert.Equal([Felt.FromUInt64(3), Felt.One, Felt.One, Felt.FromUInt64(2), Felt.FromUInt64(250), Felt.Zero, Felt.One, PublicKey], ok.Retdata);

        Assert.Equal([Felt.Zero], Same("__execute__", [Felt.Zero], tx).Retdata);
        // A failing inner call (its revert reason propagates), an unknown contract.
        Assert.True(Same("__execute__", [], tx, perAccount: a => [Felt.One, a == Oz ? OzToken : CairnToken, S("transfer"), Felt.FromUInt64(3), Bob, Felt.FromUInt64(5000), Felt.Zero]).Failed);
        Assert.True(Same("__execute__", [Felt.One, Felt.FromUInt64(0xdead), S("x"), Felt.Zero], tx).Failed);
        // Caller and version checks.
        Assert.Equal([Felt.FromShortString("Account: invalid caller")], Same("__execute__", [Felt.Zero], tx, caller: Bob).Retdata);
        foreach (var (version, valid) in new[] { (0, false), (1, true), (3, true) })
        {
            Assert.Equal(!valid, Same("__execute__", [Felt.Zero], tx with { Version = Felt.FromUInt64((ulong)version) }).Failed);
        }
        var query = Felt.FromBigInteger(System.Numerics.BigInteger.One << 128);
        Assert.True(Same("__execute__", [Felt.Zero], tx with { Version = query }).Failed);
        Assert.False(Same("__execute__", [Felt.Zero], tx with { Version = query + Felt.FromUInt64(3) }).Failed);
        Assert.Equal([Felt.FromShortString("Account: invalid tx version")], Same("__execute__", [Felt.Zero], tx with { Version = Felt.Zero }).Retdata);
        // Deserialisation comes first: a malformed call list with a bad caller fails on the calldata.
        Assert.True(Same("__execute__", [Felt.FromUInt64(2), Bob, S("x"), Felt.Zero], tx, caller: Bob).Failed);
        Assert.True(Same("__execute__", [Felt.Zero, Felt.One], tx, caller: Bob).Failed);
    }
}
