using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Execution.Tests;

/// <summary>Random transactions in the JSON-RPC shape, with edge values mixed in (fixed seeds).</summary>
public sealed class RandomTransactions(int seed)
{
    private readonly Random _rnd = new(seed);

    private static readonly BigInteger P = Cairn.Primitives.Felt.Modulus;

    private static readonly BigInteger[] FeltEdges =
    [
        0, 1, 2, (BigInteger.One << 64) - 1, BigInteger.One << 64, (BigInteger.One << 128) - 1, BigInteger.One << 128,
        (BigInteger.One << 251) - 256, (BigInteger.One << 251) - 1, BigInteger.One << 251, P - 1, P - 2,
    ];

    public string[] ChainIds { get; } =
    [
        "0x534e5f4d41494e", "0x534e5f5345504f4c4941", "0x534e5f494e544547524154494f4e5f5345504f4c4941", "0x434149524e", "0x0",
    ];

    public string Felt()
    {
        int k = _rnd.Next(10);
        if (k == 0) return Hex(FeltEdges[_rnd.Next(FeltEdges.Length)]);
        if (k <= 2) return Hex(new BigInteger(_rnd.NextInt64(0, 1_000_000)));
        var bytes = new byte[32];
        _rnd.NextBytes(bytes);
        var n = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P;
        return Hex(n);
    }

    public string ChainId() => _rnd.Next(4) == 0 ? Felt() : ChainIds[_rnd.Next(ChainIds.Length)];

    private string Unsigned(int bits)
    {
        int k = _rnd.Next(6);
        var max = (BigInteger.One << bits) - 1;
        if (k == 0) return "0x0";
        if (k == 1) return Hex(max);
        var bytes = new byte[bits / 8];
        _rnd.NextBytes(bytes);
        var n = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (k == 2) n >>= _rnd.Next(bits);
        return Hex(n);
    }

    private void Felts(Utf8JsonWriter w, string name, int max)
    {
        int n = _rnd.Next(4) == 0 ? 0 : _rnd.Next(max + 1);
        w.WriteStartArray(name);
        for (int i = 0; i < n; i++) w.WriteStringValue(Felt());
        w.WriteEndArray();
    }

    private void V3Common(Utf8JsonWriter w, bool query)
    {
        w.WriteString("version", query ? "0x100000000000000000000000000000003" : "0x3");
        Felts(w, "signature", 4);
        w.WriteString("nonce", Felt());
        w.WriteStartObject("resource_bounds");
        foreach (var r in new[] { "l1_gas", "l2_gas", "l1_data_gas" })
        {
            w.WriteStartObject(r);
            w.WriteString("max_amount", Unsigned(64));
            w.WriteString("max_price_per_unit", Unsigned(128));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString("tip", Unsigned(64));
        Felts(w, "paymaster_data", 3);
        w.WriteString("nonce_data_availability_mode", _rnd.Next(2) == 0 ? "L1" : "L2");
        w.WriteString("fee_data_availability_mode", _rnd.Next(2) == 0 ? "L1" : "L2");
    }

    public string InvokeV3(bool query)
    {
        return Write(w =>
        {
            w.WriteString("type", "INVOKE");
            w.WriteString("sender_address", Felt());
            Felts(w, "calldata", 12);
            V3Common(w, query);
            Felts(w, "account_deployment_data", 3);
            int proof = _rnd.Next(3);
            if (proof == 1)
            {
                Felts(w, "proof_facts", 5);
            }
            else if (proof == 2)
            {
                w.WriteStartArray("proof_facts");
                w.WriteEndArray();
            }
        });
    }

    public string DeclareV3(bool query) => Write(w =>
    {
        w.WriteString("type", "DECLARE");
        w.WriteString("sender_address", Felt());
        w.WriteString("class_hash", Felt());
        w.WriteString("compiled_class_hash", Felt());
        V3Common(w, query);
        Felts(w, "account_deployment_data", 3);
    });

    public string DeployAccountV3(bool query) => Write(w =>
    {
        w.WriteString("type", "DEPLOY_ACCOUNT");
        w.WriteString("class_hash", Felt());
        w.WriteString("contract_address_salt", Felt());
        Felts(w, "constructor_calldata", 6);
        V3Common(w, query);
    });

    /// <summary>INVOKE v1, DECLARE v1/v2 or DEPLOY_ACCOUNT v1 (Pedersen forms), query version or not.</summary>
    public string LegacyV1(bool query) => Write(w =>
    {
        int kind = _rnd.Next(4);
        int version = kind == 2 ? 2 : 1;
        w.WriteString("type", kind switch { 0 => "INVOKE", 1 or 2 => "DECLARE", _ => "DEPLOY_ACCOUNT" });
        w.WriteString("version", query ? "0x1" + version.ToString("x32", CultureInfo.InvariantCulture) : "0x" + version);
        w.WriteString("max_fee", Felt());
        w.WriteString("nonce", Felt());
        Felts(w, "signature", 3);
        if (kind == 0)
        {
            w.WriteString("sender_address", Felt());
            Felts(w, "calldata", 10);
        }
        else if (kind is 1 or 2)
        {
            w.WriteString("sender_address", Felt());
            w.WriteString("class_hash", Felt());
            if (kind == 2) w.WriteString("compiled_class_hash", Felt());
        }
        else
        {
            w.WriteString("class_hash", Felt());
            w.WriteString("contract_address_salt", Felt());
            Felts(w, "constructor_calldata", 5);
        }
    });

    public string L1Handler() => Write(w =>
    {
        w.WriteString("type", "L1_HANDLER");
        w.WriteString("version", "0x0");
        w.WriteString("contract_address", Felt());
        w.WriteString("entry_point_selector", Felt());
        w.WriteString("nonce", Felt());
        w.WriteStartArray("calldata");
        int n = 1 + _rnd.Next(8);
        for (int i = 0; i < n; i++) w.WriteStringValue(i == 0 && _rnd.Next(2) == 0 ? EthAddress() : Felt());
        w.WriteEndArray();
    });

    public string EthAddress()
    {
        var bytes = new byte[20];
        _rnd.NextBytes(bytes);
        return Hex(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }

    public bool Coin() => _rnd.Next(2) == 0;

    public int Next(int max) => _rnd.Next(max);

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Hex(BigInteger n) => "0x" + (n.IsZero ? "0" : n.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
}
