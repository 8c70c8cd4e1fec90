using LiaisonStations.Domain.Common;

namespace LiaisonStations.UnitTests.Domain;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("19912345678")]
    [InlineData("0451-5550000")]
    [InlineData("0451-86661234")]
    [InlineData("010-12345678")]
    [InlineData("(0451)86661234")]
    [InlineData("0451 8666 1234")]
    [InlineData("0451-86661234-801")]
    [InlineData("0451-86661234转801")]
    [InlineData("+86 451 86661234")]
    [InlineData("400-123-4567")]
    public void Mobile_landline_with_area_code_and_service_numbers_are_accepted(string number) => Assert.True(PhoneNumber.IsValid(number), number);

    [Theory]
    [InlineData("12345")]
    [InlineData("110")]
    [InlineData("86661234")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("12812345678")]
    [InlineData("0451-123")]
    [InlineData("call me")]
    [InlineData("13812345678; DROP TABLE")]
    [InlineData("")]
    [InlineData("１３８１２３４５６７８")]
    public void Short_malformed_and_foreign_looking_numbers_are_refused(string number) => Assert.False(PhoneNumber.IsValid(number), number);
}
