using Oprel.Telemetry;

namespace Oprel.Supervisor.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public void Endpoint_IsOffByDefault() => Assert.Null(OtlpExport.Endpoint(_ => null));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Endpoint_BlankIsOff(string value) => Assert.Null(OtlpExport.Endpoint(name => name == OtlpExport.EndpointVariable ? value : null));

    [Fact]
    public void Endpoint_SetTurnsItOn() =>
        Assert.Equal("http://collector:4318", OtlpExport.Endpoint(name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? " http://collector:4318 " : null));

    [Fact]
    public void Endpoint_SdkDisabledWins() =>
        Assert.Null(OtlpExport.Endpoint(name => name switch
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://collector:4318",
            "OTEL_SDK_DISABLED" => "TRUE",
            _ => null,
        }));
}
