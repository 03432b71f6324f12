// Material for MkDocs 9's inline script from partials/javascripts/base.html, as a file: the pages'
// Content-Security-Policy allows only the site's own script files (templates/theme/main.html).
// The site's root is the folder above this file's (Material wrote the page's base_url).
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
