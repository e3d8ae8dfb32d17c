using Microsoft.Extensions.Configuration;
using SessionApp.ServiceDefaults.Instance;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class InstanceNameResolverTests
{
    [Theory]
    [InlineData("service.instance.id=abc", "abc")]
    [InlineData("deployment.environment=prod, service.instance.id = i-0123 ,k=v", "i-0123")]
    [InlineData("service.instance.id=ecs%3Atask%2F42", "ecs:task/42")]
    [InlineData("service.name=web", null)]
    [InlineData("service.instance.id=", null)]
    [InlineData("", null)]
    public void FindResourceAttribute_AttributeString_ReturnsInstanceIdOrNull(string attributes, string? expected)
    {
        // Arrange
        const string Key = "service.instance.id";

        // Act
        var found = InstanceNameResolver.FindResourceAttribute(attributes, Key);

        // Assert
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", 5000)]
    [InlineData("http://+:8080", 8080)]
    [InlineData("https://[::]:443/base", 443)]
    [InlineData("http://localhost", null)]
    public void FindPort_ServerAddress_ReturnsPortOrNull(string address, int? expected)
    {
        // Arrange
        var input = address;

        // Act
        var port = InstanceNameResolver.FindPort(input);

        // Assert
        Assert.Equal(expected, port);
    }

    [Fact]
    public void Resolve_NameAndResourceIdBothSet_ConfiguredNameWins()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Instance:Name"] = "configured",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=from-otel",
        }).Build();

        // Act
        var name = InstanceNameResolver.Resolve(configuration, server: null, machineName: "host");

        // Assert
        Assert.Equal("configured", name);
    }

    [Theory]
    [InlineData("api", "rbjhsqvn", "api-rbjhsqvn")]
    [InlineData(null, "rbjhsqvn", "rbjhsqvn")]
    [InlineData("api", "api-7", "api-7")]
    public void Resolve_AspireReplica_NamedAsTheDashboardNamesIt(string? serviceName, string instanceId, string expected)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
        }).Build();

        // Act
        var name = InstanceNameResolver.Resolve(configuration, server: null, machineName: "host");

        // Assert
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Name_ReadBeforeServerListens_FallsBackThenResolves()
    {
        // Arrange
        string? port = null;
        var instance = new InstanceInfo(() => port is null ? null : $"host:{port}", "host");

        // Act
        var before = instance.Name;
        port = "5000";
        var after = instance.Name;

        // Assert
        Assert.Equal("host", before);
        Assert.Equal("host:5000", after);
    }
}
