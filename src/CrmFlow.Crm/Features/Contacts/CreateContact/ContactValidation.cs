using FluentValidation;

namespace CrmFlow.Crm.Features.Contacts.CreateContact;

/// <summary>Field rules shared by creating and editing a contact.</summary>
internal static class ContactValidation
{
    public static void Fields<T>(
        AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, string>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> title,
        System.Linq.Expressions.Expression<Func<T, string?>> phone,
        System.Linq.Expressions.Expression<Func<T, string?>> email)
    {
        validator.RuleFor(name).NotEmpty().MaximumLength(128);
        validator.RuleFor(title).MaximumLength(128);
        validator.RuleFor(phone).MaximumLength(64);
        validator.RuleFor(email).MaximumLength(256).EmailAddress();
    }
}
