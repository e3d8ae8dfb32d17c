using System.ComponentModel.DataAnnotations;

namespace SessionApp.Web.Pages;

/// <summary>The add-to-cart form's fields.</summary>
public sealed class AddToCartInput
{
    [Required(ErrorMessage = "Choose a tea.")]
    [StringLength(64, ErrorMessage = "That is not a product of the shop.")]
    [Display(Name = "Tea")]
    public string? Sku { get; set; }

    [Required(ErrorMessage = "Enter a quantity.")]
    [Range(1, 99, ErrorMessage = "Enter a quantity from 1 to 99.")]
    [Display(Name = "Quantity")]
    public int? Quantity { get; set; } = 1;
}
