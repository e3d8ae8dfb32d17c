namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>The SSM parameters could not be loaded: a required parameter is missing, or SSM could not be reached. The message names the parameter or the path.</summary>
public sealed class SsmParameterStoreException : Exception
{
    public SsmParameterStoreException()
    {
    }

    public SsmParameterStoreException(string message)
        : base(message)
    {
    }

    public SsmParameterStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
