using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace SessionApp.Aws.Stack;

/// <summary>
/// Sign-in with Amazon Cognito, the services' OpenID Connect provider in AWS (ServiceDefaults' <c>Authentication:Oidc</c>):
/// a user pool that only administrators add users to, with a strong password policy, TOTP MFA and threat protection
/// from parameters; its prefix domain with the classic hosted UI; one confidential app client (authorization code with
/// PKCE, <c>{SiteUrl}/signin-oidc</c>); an <c>admin</c> group (the services' roles come from <c>cognito:groups</c>); the
/// client's secret copied into Secrets Manager at deploy time (<c>Fn::GetAtt</c>, no Lambda); and the password secret of
/// the deploy workflow's smoke-test user.
/// </summary>
/// <remarks>
/// The user pool holds the users, so it survives a stack deletion and a replacement and is deleted only when the create
/// that made it is rolled back (<see cref="RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE"/>), as every other stateful
/// resource of the stack. The domain, client and group are settings of the pool and go with the stack.
/// </remarks>
internal sealed class CognitoSignIn : Construct
{
    /// <summary>The smoke test's user: created by the deploy workflow, in no group.</summary>
    public const string SmokeTestUserName = "smoke-test";

    /// <summary>The group whose members the services give the <c>admin</c> role.</summary>
    public const string AdminGroup = "admin";

    /// <summary>The claim Cognito puts a user's groups in, which the services read their roles from.</summary>
    public const string RoleClaim = "cognito:groups";

    /// <summary>The scopes the app client may ask for, and the services ask for.</summary>
    public static readonly string[] Scopes = ["openid", "profile", "email"];

    /// <summary>ASP.NET Core's OpenID Connect callback path.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Where Cognito's <c>/logout</c> sends the browser back to (the Web's <c>SignedOutCallbackPath</c>).</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>
    /// Access and ID tokens live 15 minutes: the services refresh the access token a minute before it expires, so a
    /// user disabled or signed out everywhere in Cognito loses the session here within 15 minutes.
    /// </summary>
    public const int AccessTokenMinutes = 15;

    /// <summary>
    /// The refresh token lives 8 hours, the session's absolute timeout (<c>Sessions/AbsoluteTimeout</c>): no refresh
    /// token outlives the session it belongs to, and the services revoke it at sign-out.
    /// </summary>
    public const int RefreshTokenHours = 8;

    /// <summary>Cognito's password policy: at least 12 characters from all four classes.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>An administrator's invitation (a temporary password) is good for one day.</summary>
    public const int TemporaryPasswordValidityDays = 1;

    public CognitoSignIn(Construct scope, string id, AwsTopology topology, EnvironmentPreset preset, StackParameters parameters, IKey key)
        : base(scope, id)
    {
        var environment = topology.Environment;
        var mfaOff = new CfnCondition(this, "MfaOff", new CfnConditionProps { Expression = Fn.ConditionEquals(parameters.CognitoMfa.ValueAsString, "OFF") });
        var threatProtectionOff = new CfnCondition(this, "ThreatProtectionOff", new CfnConditionProps
        {
            Expression = Fn.ConditionEquals(parameters.CognitoThreatProtection.ValueAsString, "OFF"),
        });

        UserPool = new CfnUserPool(this, "UserPool", new CfnUserPoolProps
        {
            UserPoolName = $"sessionapp-{environment}",
            // No self sign-up: administrators add users (and the deploy workflow its smoke-test user).
            AdminCreateUserConfig = new CfnUserPool.AdminCreateUserConfigProperty { AllowAdminCreateUserOnly = true },
            Policies = new CfnUserPool.PoliciesProperty
            {
                PasswordPolicy = new CfnUserPool.PasswordPolicyProperty
                {
                    MinimumLength = MinimumPasswordLength,
                    RequireUppercase = true,
                    RequireLowercase = true,
                    RequireNumbers = true,
                    RequireSymbols = true,
                    TemporaryPasswordValidityDays = TemporaryPasswordValidityDays,
                },
            },
            UsernameConfiguration = new CfnUserPool.UsernameConfigurationProperty { CaseSensitive = false },
            AutoVerifiedAttributes = new[] { "email" },
            // A forgotten password is reset through a verified email only: SMS would need an SNS role.
            AccountRecoverySetting = new CfnUserPool.AccountRecoverySettingProperty
            {
                RecoveryMechanisms = new object[] { new CfnUserPool.RecoveryOptionProperty { Name = "verified_email", Priority = 1 } },
            },
            MfaConfiguration = parameters.CognitoMfa.ValueAsString,
            UserPoolAddOns = new CfnUserPool.UserPoolAddOnsProperty { AdvancedSecurityMode = parameters.CognitoThreatProtection.ValueAsString },
            DeletionProtection = preset.CognitoDeletionProtection ? "ACTIVE" : "INACTIVE",
        });
        // TOTP only: SMS MFA would need an SNS role and a sending budget. Cognito takes no EnabledMfas with MFA off.
        UserPool.AddPropertyOverride("EnabledMfas", If(mfaOff, CdkAws.NO_VALUE, new[] { "SOFTWARE_TOKEN_MFA" }));
        // CDK 2.160's CfnUserPool predates feature plans: threat protection needs the Plus plan; Essentials otherwise.
        UserPool.AddPropertyOverride("UserPoolTier", If(threatProtectionOff, "ESSENTIALS", "PLUS"));
        UserPool.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

        // A prefix domain is unique in its region: the account id keeps two accounts' environments apart.
        DomainPrefix = Fn.Join(string.Empty, new[] { $"sessionapp-{environment}-", CdkAws.ACCOUNT_ID });
        DomainUrl = Fn.Join(string.Empty, new[] { "https://", DomainPrefix, ".auth.", CdkAws.REGION, ".amazoncognito.com" });
        Domain = new CfnUserPoolDomain(this, "Domain", new CfnUserPoolDomainProps { Domain = DomainPrefix, UserPoolId = UserPool.Ref });
        // The classic hosted UI (managed login version 1): a plain HTML form a scripted smoke test can post.
        Domain.AddPropertyOverride("ManagedLoginVersion", 1);

        _ = new CfnUserPoolGroup(this, "AdminGroup", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.Ref,
            GroupName = AdminGroup,
            Description = "SessionApp administrators: the services give members the admin role (cognito:groups).",
        });

        var siteUrl = parameters.SiteUrl.ValueAsString;
        Client = new CfnUserPoolClient(this, "Client", new CfnUserPoolClientProps
        {
            UserPoolId = UserPool.Ref,
            ClientName = $"sessionapp-{environment}",
            GenerateSecret = true,
            AllowedOAuthFlowsUserPoolClient = true,
            AllowedOAuthFlows = new[] { "code" },
            AllowedOAuthScopes = Scopes,
            CallbackUrLs = new[] { Fn.Join(string.Empty, new[] { siteUrl, CallbackPath }) },
            LogoutUrLs = new[] { Fn.Join(string.Empty, new[] { siteUrl, SignedOutCallbackPath }) },
            SupportedIdentityProviders = new[] { "COGNITO" },
            // Sign-in goes through the hosted UI; the API's own flows allow nothing but refreshing.
            ExplicitAuthFlows = new[] { "ALLOW_REFRESH_TOKEN_AUTH" },
            PreventUserExistenceErrors = "ENABLED",
            EnableTokenRevocation = true,
            AccessTokenValidity = AccessTokenMinutes,
            IdTokenValidity = AccessTokenMinutes,
            RefreshTokenValidity = RefreshTokenHours,
            TokenValidityUnits = new CfnUserPoolClient.TokenValidityUnitsProperty { AccessToken = "minutes", IdToken = "minutes", RefreshToken = "hours" },
        });

        ClientSecretName = $"sessionapp/{environment}/oidc-client-secret";
        ClientSecret = new Secret(this, "ClientSecret", new SecretProps
        {
            // A fixed name: the services read it as SSM's /aws/reference/secretsmanager/{name}, and the task role may read only that.
            SecretName = ClientSecretName,
            Description = "Authentication:Oidc:ClientSecret of every SessionApp service: the Cognito app client's secret, copied at deploy time",
            EncryptionKey = key,
            // CloudFormation reads the client's generated secret (Fn::GetAtt ClientSecret); the template never holds it.
            SecretStringValue = SecretValue.ResourceAttribute(Client.AttrClientSecret),
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });

        SmokeTestPasswordSecretName = $"sessionapp/{environment}/smoke-test-user";
        SmokeTestPassword = new Secret(this, "SmokeTestPassword", new SecretProps
        {
            SecretName = SmokeTestPasswordSecretName,
            Description = $"Password of the Cognito user '{SmokeTestUserName}' (in no group), which the deploy workflow sets anew on every run before its smoke test",
            // Secrets Manager's own key (aws/secretsmanager): the deploy workflow's role writes it with PutSecretValue
            // and needs no grant on the stack's key, which only the services read through.
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
            // A placeholder until the first run: Secrets Manager keeps no empty secret.
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 40, RequireEachIncludedType = true, IncludeSpace = false },
        });
    }

    public CfnUserPool UserPool { get; }

    public CfnUserPoolDomain Domain { get; }

    public CfnUserPoolClient Client { get; }

    /// <summary>The domain's prefix, <c>sessionapp-{environment}-{account}</c> (a token until deploy time).</summary>
    public string DomainPrefix { get; }

    /// <summary><c>https://{prefix}.auth.{region}.amazoncognito.com</c>: the hosted UI, <c>/oauth2/*</c> and <c>/logout</c>.</summary>
    public string DomainUrl { get; }

    /// <summary>The issuer: <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>.</summary>
    public string Authority => Fn.Join(string.Empty, new[] { "https://cognito-idp.", CdkAws.REGION, ".amazonaws.com/", UserPool.Ref });

    /// <summary>The client secret's name, as written (e.g. <c>sessionapp/production/oidc-client-secret</c>).</summary>
    public string ClientSecretName { get; }

    public Secret ClientSecret { get; }

    /// <summary>The smoke-test user's password secret's name (e.g. <c>sessionapp/staging/smoke-test-user</c>).</summary>
    public string SmokeTestPasswordSecretName { get; }

    public Secret SmokeTestPassword { get; }

    /// <summary>
    /// <c>Fn::If</c> written out: jsii cannot hand <c>Fn.ConditionIf</c>'s expression to an override or a list
    /// property from .NET ("Could not infer JSII type for _Proxy").
    /// </summary>
    private static Dictionary<string, object> If(CfnCondition condition, object whenTrue, object whenFalse) =>
        new() { ["Fn::If"] = new[] { condition.LogicalId, whenTrue, whenFalse } };
}
