namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// An MVC controller: created per request, so its instance field is not shared (not reported); its static field is
/// shared by every request (TALLY004).
/// </summary>
internal static class ControllerCase
{
    public static CorpusCase Case { get; } = new("Controller", """
        using Microsoft.AspNetCore.Mvc;

        namespace Corpus.Web.Controllers
        {
            [ApiController]
            [Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                private static int s_totalCalls;
                private int _calls;

                [HttpGet("{id}")]
                public IActionResult Get(int id)
                {
                    _calls++;
                    {|TALLY004:s_totalCalls++|};
                    return id > 0 ? Ok(new { id, calls = _calls }) : NotFound();
                }

                [HttpPost]
                public IActionResult Create(string name)
                {
                    _calls += 1;
                    return Created("api/orders/1", name);
                }
            }
        }
        """, AspNetCore: true);
}
