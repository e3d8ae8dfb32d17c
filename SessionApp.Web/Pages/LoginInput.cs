using System.ComponentModel.DataAnnotations;

namespace SessionApp.Web.Pages;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(100, ErrorMessage = "A user name is at most 100 characters.")]
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }
}
