using System.Globalization;
using System.Text.Json;
using Cairn.Execution.Fees;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary>
/// The dev namespace (as Katana's <c>dev_*</c>; starknet-devnet's <c>devnet_*</c> covers the same ground):
/// <list type="bullet">
/// <item><c>dev_predeployedAccounts()</c> → <c>[{address, private_key, public_key, class_hash, balance}]</c> (balance: 0x hex, STRK in fri)</item>
/// <item><c>dev_generateBlock()</c> → <c>{block_hash, block_number}</c> of the block it closed</item>
/// <item><c>dev_setNextBlockTimestamp(timestamp)</c> → <c>null</c> (Unix seconds)</item>
/// <item><c>dev_increaseNextBlockTimestamp(seconds)</c> → <c>null</c></item>
/// <item><c>dev_mint(address, amount, unit?)</c> → <c>{new_balance, unit, tx_hash?}</c>: amount a JSON integer, 0x hex or a
/// decimal string; unit "FRI" (STRK, the default) or "WEI" (ETH); new_balance 0x hex</item>
/// </list>
/// </summary>
public static class DevMethods
{
    public static IEnumerable<RpcMethod> All() =>
    [
        new("dev_predeployedAccounts", [], (c, w) => StarknetMethods.Done(() =>
        {
            w.WriteStartArray();
            foreach (var a in c.Backend.GetPredeployedAccounts())
            {
                w.WriteStartObject();
                w.WriteFelt("address", a.Address.Value);
                w.WriteFelt("private_key", a.PrivateKey);
                w.WriteFelt("public_key", a.PublicKey);
                w.WriteFelt("class_hash", a.ClassHash.Value);
                w.WriteString("balance", Hex(a.Balance));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        })),
        new("dev_generateBlock", [], async (c, w) => StarknetMethods.WriteHashAndNumber(w, await c.Backend.GenerateBlockAsync(c.CancellationToken))),
        new("dev_setNextBlockTimestamp", ["timestamp"], (c, w) => StarknetMethods.Done(() =>
        {
            c.Backend.SetNextBlockTimestamp(c.Get(0, ParamReader.UInt64));
            w.WriteNullValue();
        })),
        new("dev_increaseNextBlockTimestamp", ["seconds"], (c, w) => StarknetMethods.Done(() =>
        {
            c.Backend.IncreaseNextBlockTimestamp(c.Get(0, ParamReader.UInt64));
            w.WriteNullValue();
        })),
        new("dev_mint", ["address", "amount", "unit?"], Mint),
    ];

    private static async ValueTask Mint(RpcCall c, Utf8JsonWriter w)
    {
        var address = c.Get(0, ParamReader.Address);
        var amount = c.Get(1, ParamReader.UInt256);
        var unit = c.GetOr(2, ParamReader.String, "FRI") switch
        {
            "FRI" => FeeUnit.Fri,
            "WEI" => FeeUnit.Wei,
            var other => throw new RpcParamException($"unit: '{other}' is not FRI or WEI"),
        };
        var result = await c.Backend.MintAsync(address, amount, unit, c.CancellationToken);
        w.WriteStartObject();
        w.WriteString("new_balance", Hex(result.NewBalance));
        w.WriteString("unit", RpcEnums.Unit(result.Unit));
        if (result.TransactionHash is { } h) w.WriteFelt("tx_hash", h.Value);
        w.WriteEndObject();
    }

    /// <summary>A non-negative integer as 0x hex without leading zeros.</summary>
    internal static string Hex(System.Numerics.BigInteger v)
    {
        var hex = v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex);
    }
}
