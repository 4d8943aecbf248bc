using System.Numerics;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>A funded account the dev node created at genesis (<c>dev_predeployedAccounts</c>).</summary>
public sealed record PredeployedAccount(ContractAddress Address, Felt PrivateKey, Felt PublicKey, ClassHash ClassHash, BigInteger Balance);
